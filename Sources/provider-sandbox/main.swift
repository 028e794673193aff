print("provider-sandbox: not built yet")
