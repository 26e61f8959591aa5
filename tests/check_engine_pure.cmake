# Fails when engine/ includes I/O or another stride layer.
file(GLOB sources "${DIR}/*.hpp" "${DIR}/*.cpp")
set(forbidden "#include \"store/" "#include \"import/" "#include \"plans/" "#include \"cli/"
              "#include \"profile/" "<SQLiteCpp" "<sqlite3.h>" "<pugixml" "<yaml-cpp" "<fstream>"
              "<iostream>" "system_clock::now" "<date/tz.h>")
foreach(file ${sources})
  file(READ "${file}" text)
  foreach(pattern ${forbidden})
    string(FIND "${text}" "${pattern}" pos)
    if(NOT pos EQUAL -1)
      message(FATAL_ERROR "${file} uses ${pattern}: the engine must stay free of I/O")
    endif()
  endforeach()
endforeach()
