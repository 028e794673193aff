// HTTPClient module
