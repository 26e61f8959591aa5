# Fails when code outside store/ (and its tests) reaches past the Store class:
# the raw connection, the schema or the store's internals.
file(GLOB folders LIST_DIRECTORIES true "${ROOT}/*")
set(forbidden "SQLite::Database" "SQLite::Backup" "<SQLiteCpp/Database.h>" "<SQLiteCpp/Backup.h>"
              "#include \"store/detail/" "#include \"store/schema.hpp\"")
foreach(folder ${folders})
  get_filename_component(name "${folder}" NAME)
  if(NOT IS_DIRECTORY "${folder}" OR name STREQUAL "store" OR name STREQUAL "tests"
     OR name MATCHES "^build" OR name MATCHES "^\\.")
    continue()
  endif()
  file(GLOB_RECURSE sources "${folder}/*.hpp" "${folder}/*.cpp")
  foreach(file ${sources})
    file(READ "${file}" text)
    foreach(pattern ${forbidden})
      string(FIND "${text}" "${pattern}" pos)
      if(NOT pos EQUAL -1)
        message(FATAL_ERROR "${file} uses ${pattern}: only store/ may; add a Store method instead")
      endif()
    endforeach()
  endforeach()
endforeach()
