# Writes OUT, a header defining SC_COMMIT: the commit the sources were built
# from, "-dirty" when src, include or CMakeLists.txt differ from it, or
# "unknown" outside a git checkout. Run at every build; OUT is rewritten only
# when its text changes, so an unchanged commit rebuilds nothing.
set(commit unknown)
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short HEAD
                  WORKING_DIRECTORY ${SRC} OUTPUT_VARIABLE head
                  RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(rc EQUAL 0 AND head)
    set(commit ${head})
    execute_process(COMMAND ${GIT_EXECUTABLE} diff --quiet HEAD -- src include CMakeLists.txt
                    WORKING_DIRECTORY ${SRC} RESULT_VARIABLE dirty ERROR_QUIET)
    if(NOT dirty EQUAL 0)
      set(commit ${commit}-dirty)
    endif()
  endif()
endif()
set(text "#define SC_COMMIT \"${commit}\"\n")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT old STREQUAL text)
  file(WRITE ${OUT} "${text}")
endif()
