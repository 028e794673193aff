#ifndef TALENTWATCH_CSQLITE_SHIM_H
#define TALENTWATCH_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT does not import into Swift: bind text and blobs through these wrappers, which copy.
static inline int tw_sqlite3_bind_text_transient(sqlite3_stmt *stmt, int index, const char *text, int length) {
  return sqlite3_bind_text(stmt, index, text, length, SQLITE_TRANSIENT);
}
static inline int tw_sqlite3_bind_blob_transient(sqlite3_stmt *stmt, int index, const void *bytes, int length) {
  return sqlite3_bind_blob(stmt, index, bytes, length, SQLITE_TRANSIENT);
}
/// sqlite3_config is variadic; one wrapper per argument shape that we use.
static inline int tw_sqlite3_config_int(int option, int value) {
  return sqlite3_config(option, value);
}
/// sqlite3_db_config is variadic too: turns an on/off option (SQLITE_DBCONFIG_DEFENSIVE, ...) on or off.
static inline int tw_sqlite3_db_config_flag(sqlite3 *db, int option, int on) {
  return sqlite3_db_config(db, option, on, (int *)0);
}
#endif
