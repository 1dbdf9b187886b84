#include "core/SqliteStatement.h"

namespace lumen::core {

void throwSqliteError(ErrorCode code, sqlite3* db, const std::string& context,
                      const std::string& what) {
  throw Error(code, context + ": " + what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

SqliteStatement::SqliteStatement(sqlite3* db, ErrorCode code, std::string context, const char* sql)
    : m_db(db), m_code(code), m_context(std::move(context)) {
  if (sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr) != SQLITE_OK)
    throwSqliteError(m_code, m_db, m_context, "cannot prepare a statement");
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(m_statement); }

SqliteStatement& SqliteStatement::bind(int index, const std::string& text) {
  sqlite3_bind_text64(m_statement, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(m_statement, index, value);
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
  sqlite3_bind_double(m_statement, index, value);
  return *this;
}

SqliteStatement& SqliteStatement::bindNull(int index) {
  sqlite3_bind_null(m_statement, index);
  return *this;
}

SqliteStatement& SqliteStatement::bindBlob(int index, const std::vector<std::uint8_t>& bytes) {
  if (bytes.empty()) {
    sqlite3_bind_null(m_statement, index);
  } else {
    sqlite3_bind_blob64(m_statement, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  }
  return *this;
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(m_statement);
  if (rc == SQLITE_ROW) return true;
  sqlite3_reset(m_statement);
  if (rc != SQLITE_DONE) throwSqliteError(m_code, m_db, m_context, "statement failed");
  return false;
}

void SqliteStatement::run() {
  while (step()) {
  }
}

void SqliteStatement::reset() { sqlite3_reset(m_statement); }

bool SqliteStatement::isNull(int column) const {
  return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

std::string SqliteStatement::text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
  if (!text) return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column)));
}

std::int64_t SqliteStatement::integer(int column) const {
  return sqlite3_column_int64(m_statement, column);
}

double SqliteStatement::real(int column) const {
  return sqlite3_column_double(m_statement, column);
}

std::vector<std::uint8_t> SqliteStatement::blob(int column) const {
  const auto* bytes = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_statement, column));
  if (!bytes) return {};
  return {bytes, bytes + sqlite3_column_bytes(m_statement, column)};
}

}  // namespace lumen::core
