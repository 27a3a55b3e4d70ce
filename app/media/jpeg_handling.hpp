#pragma once
// What the libjpeg decoder and encoder share: the FILE handle they read or write, and
// an error manager that turns libjpeg's fatal errors into a jump back to the caller
// (libjpeg's default would exit the process) with the message kept.
#include <csetjmp>
#include <cstdio>
#include <memory>

#include <jpeglib.h>

namespace bangvang::media::jpeg_handling {

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// libjpeg reports fatal errors through a callback that must not return.
struct ErrorManager {
    jpeg_error_mgr standard;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

inline void on_fatal_error(j_common_ptr info) {
    auto* manager = reinterpret_cast<ErrorManager*>(info->err);
    info->err->format_message(info, manager->message);
    std::longjmp(manager->jump, 1);
}

// libjpeg's warnings (extraneous bytes, a premature end filled with grey) would go to
// stderr on every such file; the picture is drawn all the same.
inline void ignore_warning(j_common_ptr) {}

// The error manager for one compress or decompress struct: fatal errors jump back to
// the caller's setjmp on `errors.jump`, warnings are dropped.
inline jpeg_error_mgr* attach_error_manager(ErrorManager& errors) {
    jpeg_error_mgr* standard = jpeg_std_error(&errors.standard);
    errors.standard.error_exit = on_fatal_error;
    errors.standard.output_message = ignore_warning;
    return standard;
}

}  // namespace bangvang::media::jpeg_handling
