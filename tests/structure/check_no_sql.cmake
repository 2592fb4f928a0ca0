# Fails when a source file under widgets/ or app/ holds SQL or talks to SQLite directly: the
# schema lives in core only (queries are read models there, see core/*/README.md).
# Usage: cmake -DROOT=<source dir> -P check_no_sql.cmake
if(NOT ROOT)
  message(FATAL_ERROR "check_no_sql.cmake: pass -DROOT=<source dir>")
endif()
# SQL statements, the SQLite C API, and the statement API of core/store/database.h.
set(patterns
  "SELECT "
  "INSERT (OR [A-Z]+ )?INTO"
  "DELETE FROM"
  "UPDATE [A-Za-z_]+ SET"
  "CREATE (TABLE|INDEX|VIEW|TRIGGER)"
  "PRAGMA "
  "sqlite3"
  "\\.prepare\\("
  "\\.queryInt64\\("
  "db(\\(\\))?\\.queryText\\("
  "db(\\(\\))?(\\.|->)exec\\("
  "core::(Statement|Transaction)")
list(JOIN patterns "|" any)
set(found 0)
set(scanned 0)
foreach(dir widgets app)
  file(GLOB_RECURSE files "${ROOT}/${dir}/*.cpp" "${ROOT}/${dir}/*.h")
  foreach(f ${files})
    math(EXPR scanned "${scanned} + 1")
    file(STRINGS "${f}" lines REGEX "${any}")
    foreach(line ${lines})
      file(RELATIVE_PATH rel "${ROOT}" "${f}")
      string(STRIP "${line}" line)
      message("${rel}: SQL outside core: ${line}")
      math(EXPR found "${found} + 1")
    endforeach()
  endforeach()
endforeach()
if(scanned EQUAL 0)
  message(FATAL_ERROR "check_no_sql.cmake: no source files under ${ROOT}/widgets or ${ROOT}/app")
endif()
if(found GREATER 0)
  message(FATAL_ERROR "${found} line(s) with SQL in widgets/ or app/: move the query into core")
endif()
message("no SQL in ${scanned} files of widgets/ and app/")
