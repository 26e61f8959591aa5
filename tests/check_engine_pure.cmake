# Fails when a library folder includes what its layer must not. By default
# engine/'s rules (no I/O, no clock, no other stride layer); another folder
# passes its own list as -DFORBIDDEN="a;b" and names its rule in -DRULE.
if(NOT DEFINED FORBIDDEN)
  set(FORBIDDEN "#include \"store/" "#include \"import/" "#include \"ingest/" "#include \"plans/"
                "#include \"cli/" "#include \"profile/" "<SQLiteCpp" "<sqlite3.h>" "<pugixml"
                "<yaml-cpp" "<fstream>" "<iostream>" "system_clock::now" "<date/tz.h>")
  set(RULE "the engine must stay free of I/O")
endif()
file(GLOB sources "${DIR}/*.hpp" "${DIR}/*.cpp" "${DIR}/detail/*.hpp" "${DIR}/detail/*.cpp")
foreach(file ${sources})
  file(READ "${file}" text)
  foreach(pattern ${FORBIDDEN})
    string(FIND "${text}" "${pattern}" pos)
    if(NOT pos EQUAL -1)
      message(FATAL_ERROR "${file} uses ${pattern}: ${RULE}")
    endif()
  endforeach()
endforeach()
