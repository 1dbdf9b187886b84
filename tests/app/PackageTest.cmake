# Builds the .deb with CPack, unpacks it into a temporary root with dpkg -x, and runs
# `lumen --version` from there. Prints the package's size and dependencies.
# -DBUILD_DIR=<build tree> -DWORK_DIR=<scratch dir> -DVERSION=<x.y.z>
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(COMMAND ${CMAKE_CPACK_COMMAND} -G DEB -B ${WORK_DIR} --config ${BUILD_DIR}/CPackConfig.cmake
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cpack failed (${rc}):\n${out}\n${err}")
endif()
file(GLOB debs ${WORK_DIR}/lumen_${VERSION}_*.deb)
list(LENGTH debs count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one lumen_${VERSION}_*.deb in ${WORK_DIR}, found: ${debs}")
endif()
file(SIZE ${debs} bytes)
execute_process(COMMAND dpkg-deb -f ${debs} Depends OUTPUT_VARIABLE depends OUTPUT_STRIP_TRAILING_WHITESPACE)
message(STATUS "package: ${debs} (${bytes} bytes)\nDepends: ${depends}")

set(root ${WORK_DIR}/root)
execute_process(COMMAND dpkg -x ${debs} ${root} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "dpkg -x failed (${rc})")
endif()
foreach(installed usr/bin/lumen usr/share/applications/lumen.desktop
                  usr/share/icons/hicolor/scalable/apps/lumen.svg)
  if(NOT EXISTS ${root}/${installed})
    message(FATAL_ERROR "the package lacks /${installed}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY ${root}/usr/bin/lumen --version
                RESULT_VARIABLE rc OUTPUT_VARIABLE version ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT version MATCHES "^Lumen ${VERSION}\n")
  message(FATAL_ERROR "installed lumen --version failed (${rc}):\n${version}\n${err}")
endif()
message(STATUS "installed lumen --version:\n${version}")
