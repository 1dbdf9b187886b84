#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/Error.h"

namespace lumen::core {

/// Throws Error(code) with the message "<context>: <what>: <SQLite's last error on db>".
[[noreturn]] void throwSqliteError(ErrorCode code, sqlite3* db, const std::string& context,
                                   const std::string& what);

/// One prepared SQLite statement, finalised when destroyed. For code inside viewer/core that
/// owns an SQLite connection (public headers keep sqlite3.h out through pimpl). Used by one
/// thread at a time, like its connection.
class SqliteStatement {
 public:
  /// Prepares `sql` on `db`. Failures here and in step() throw Error(code) whose message starts
  /// with `context` (e.g. "study database /path/studies.sqlite").
  SqliteStatement(sqlite3* db, ErrorCode code, std::string context, const char* sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  /// Binds UTF-8 text to parameter `index` (1-based, ?N); returns *this for chaining.
  SqliteStatement& bind(int index, const std::string& text);
  /// Binds an integer to parameter `index`.
  SqliteStatement& bind(int index, std::int64_t value);
  /// Binds a floating-point value (stored as REAL) to parameter `index`.
  SqliteStatement& bind(int index, double value);
  /// Binds NULL to parameter `index`.
  SqliteStatement& bindNull(int index);
  /// Binds bytes as a BLOB, or NULL when `bytes` is empty.
  SqliteStatement& bindBlob(int index, const std::vector<std::uint8_t>& bytes);

  /// Steps once: true when a row is ready; false when done (the statement is then reset and may
  /// run again with new bindings). Throws Error(code) on failure (after resetting).
  bool step();
  /// Steps until done, ignoring rows.
  void run();
  /// Resets a statement that was left before its last row; bindings stay.
  void reset();

  /// Whether column `column` (0-based) of the current row is NULL.
  bool isNull(int column) const;
  /// Column `column` (0-based) of the current row as text ('' for NULL).
  std::string text(int column) const;
  /// Column `column` of the current row as an integer (0 for NULL).
  std::int64_t integer(int column) const;
  /// Column `column` of the current row as a floating-point value (0.0 for NULL).
  double real(int column) const;
  /// Column `column` of the current row as bytes (empty for NULL).
  std::vector<std::uint8_t> blob(int column) const;

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_statement = nullptr;
  ErrorCode m_code;
  std::string m_context;
};

}  // namespace lumen::core
