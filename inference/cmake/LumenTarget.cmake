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
