# Fails when a user-visible string has no translation: reruns lupdate over the sources into a
# copy of each .ts file and looks for entries lupdate marks unfinished (new or changed strings).
# -DLUPDATE=<lupdate> -DTS_FILES=<.ts;...> -DSOURCE_DIRS=<dir|dir> -DINCLUDE_DIRS=<dir|dir>
# -DWORK_DIR=<scratch dir>. Include directories let lupdate see the namespaces of classes.
string(REPLACE "|" ";" dirs "${SOURCE_DIRS}")
string(REPLACE "|" ";" includes "${INCLUDE_DIRS}")
list(TRANSFORM includes PREPEND "-I")
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
foreach(ts ${TS_FILES})
  get_filename_component(name ${ts} NAME)
  file(COPY ${ts} DESTINATION ${WORK_DIR})
  execute_process(COMMAND ${LUPDATE} -silent -locations none ${includes} ${dirs} -ts ${WORK_DIR}/${name}
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc}): ${err}")
  endif()
  file(STRINGS ${WORK_DIR}/${name} lines)
  set(missing "")
  set(previous "")
  foreach(line IN LISTS lines)
    if(line MATCHES "type=\"unfinished\"")
      string(APPEND missing "\n  ${previous}")
    endif()
    set(previous "${line}")
  endforeach()
  if(missing)
    message(FATAL_ERROR "${name} lacks translations for:${missing}\n"
                        "Run `cmake --build --preset release --target update_translations`, "
                        "translate the new entries and commit ${name}.")
  endif()
endforeach()
