#pragma once
// Private to StudyDatabase*.cpp: the connection behind StudyDatabase and a transaction guard, so
// that the database's parts (studies, measurements, model results) can live in files of their own.

#include <sqlite3.h>

#include <string>

#include "core/Error.h"
#include "core/SqliteStatement.h"
#include "core/StudyDatabase.h"

namespace lumen::core {

/// BEGIN IMMEDIATE … COMMIT (or, to read several tables from one snapshot, BEGIN … COMMIT);
/// rolls back unless committed.
class SqliteTransaction {
 public:
  enum class Mode { Write, Read };

  SqliteTransaction(sqlite3* db, const std::string& context, Mode mode = Mode::Write)
      : m_db(db), m_context(context) {
    const bool write = mode == Mode::Write;
    if (sqlite3_exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN", nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
      throwSqliteError(write ? ErrorCode::WriteFailed : ErrorCode::ReadFailed, db, context,
                       "cannot begin a transaction");
    }
  }
  ~SqliteTransaction() {
    if (!m_committed) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;

  void commit() {
    if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
      throwSqliteError(ErrorCode::WriteFailed, m_db, m_context, "cannot commit");
    m_committed = true;
  }

 private:
  sqlite3* m_db;
  const std::string& m_context;
  bool m_committed = false;
};

/// The connection and what every part of StudyDatabase needs to use it.
struct StudyDatabase::Impl {
  std::string path;
  std::string context;  ///< "study database <path>", the start of every error message
  sqlite3* db = nullptr;

  ~Impl() { sqlite3_close_v2(db); }

  void exec(const char* sql, ErrorCode code, const std::string& what) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
      throwSqliteError(code, db, context, what);
  }
  SqliteStatement read(const char* sql) const {
    return SqliteStatement(db, ErrorCode::ReadFailed, context, sql);
  }
  SqliteStatement write(const char* sql) const {
    return SqliteStatement(db, ErrorCode::WriteFailed, context, sql);
  }
};

}  // namespace lumen::core
