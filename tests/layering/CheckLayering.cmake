# Fails, naming file and line, when a source includes what its layer must not use
# (ARCHITECTURE.md, "Layers"). -DSOURCE_DIR=<tree with inference/ and viewer/>
set(rules
  # folder | forbidden include (regex on the #include line) | what
  "inference|#include *[<\"](Q[A-Za-z]+|vtk[A-Za-z0-9_]+\\.h|itk[A-Za-z0-9_]+\\.h|dcmtk/)|Qt, VTK, ITK or DCMTK"
  "inference|#include *\"(viewer|app|core|render|widgets)/|the viewer or the app"
  "viewer|#include *[<\"](torch/|ATen/|c10/)|LibTorch"
  "viewer|#include *\"inference/|the inference layer"
  "viewer/core|#include *[<\"](QtWidgets|QtGui|QWidget|QOpenGL[A-Za-z]*|QMainWindow|QImage|vtk(Renderer|RenderWindow|Actor|OpenGL|Volume|ImageSlice|Camera|ColorTransferFunction|PiecewiseFunction|Light|Prop)[A-Za-z0-9]*\\.h|vtk[A-Za-z0-9]*(Mapper|Actor|Representation|Widget)\\.h)|Qt GUI or VTK rendering"
  "viewer/core|#include *\"(render|widgets)/|the render or widget layers"
  "viewer/render|#include *[<\"](QtWidgets|QtGui|QWidget|QOpenGL[A-Za-z]*|QMainWindow|dcmtk/)|Qt GUI or DCMTK"
  "viewer/render|#include *\"widgets/|the widget layer"
  "viewer/widgets|#include *[<\"]dcmtk/|DCMTK"
)
set(violations "")
foreach(rule IN LISTS rules)
  string(REPLACE "|" ";" parts "${rule}")
  # The regex itself contains '|', so the first part is the folder and the last the description.
  list(GET parts 0 folder)
  list(POP_BACK parts what)
  list(POP_FRONT parts)
  string(REPLACE ";" "|" pattern "${parts}")
  file(GLOB_RECURSE sources ${SOURCE_DIR}/${folder}/*.h ${SOURCE_DIR}/${folder}/*.hpp
                            ${SOURCE_DIR}/${folder}/*.cpp ${SOURCE_DIR}/${folder}/*.cxx)
  foreach(source IN LISTS sources)
    file(STRINGS ${source} lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include" "#include" normalized "${line}")
      if(normalized MATCHES "${pattern}")
        file(RELATIVE_PATH relative ${SOURCE_DIR} ${source})
        string(APPEND violations "\n  ${relative}: ${line}  (${folder} must not use ${what})")
      endif()
    endforeach()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "layering violations:${violations}")
endif()
message(STATUS "layering: no violations under ${SOURCE_DIR}")
