# Settings every Lumen target shares. It lives under inference/ because inference/ must configure
# on its own (cmake -S inference) and the top-level build includes it from here.
include_guard(GLOBAL)

# lumen_target_defaults(TARGET): C++17, warnings as errors in project code (third-party headers
# come in as SYSTEM includes through imported targets), Qt keywords off everywhere because they
# clash with LibTorch.
function(lumen_target_defaults target)
  target_compile_features(${target} PRIVATE cxx_std_17)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS)
endfunction()

# lumen_layer_includes(TARGET NAME): lets TARGET and the targets that link it include this
# folder's headers as "NAME/Header.h", and nothing else of the source tree. Each layer gets an
# include root of its own (a folder in the build tree holding one link, NAME → this folder), so
# a header of a layer that a target does not link is not found: the compiler enforces the
# layering, not only the `layering` test.
function(lumen_layer_includes target name)
  set(root ${CMAKE_BINARY_DIR}/include/${target})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${root}/${name} SYMBOLIC)
  target_include_directories(${target} PUBLIC ${root})
endfunction()
