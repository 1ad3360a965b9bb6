# Project-wide warning flags; SMSINFO_WERROR (on in CI) turns them into errors.
function(smsinfo_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wshadow
    -Wno-sign-conversion)
  if(SMSINFO_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
