#include "sync/report_signing.hpp"

#include <fcntl.h>

#include "files/bounded_read.hpp"
#include "files/durable_file.hpp"

namespace bangvang::sync {

core::Result<SecretKey> load_or_create_report_key(const std::filesystem::path& file) {
    try {
        std::error_code error;
        if (!std::filesystem::exists(file, error)) {
            if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), error);
            const SecretKey created = generate_secret_key();
            // O_EXCL: a key is never replaced; mode 0600 from the start, never readable by others.
            files::FileDescriptor output;
            try {
                output = files::open_file(file, O_WRONLY | O_CREAT | O_EXCL, 0600);
            } catch (const files::FileError&) {
                if (!std::filesystem::exists(file, error)) throw;  // else another process made it: read that one
            }
            if (output) {
                try {
                    files::write_all(output.get(), created.to_base64() + "\n", file);
                    files::sync_descriptor(output.get(), file);
                } catch (const files::FileError&) {
                    std::filesystem::remove(file, error);  // no half-written key left to refuse at every start
                    throw;
                }
                if (file.has_parent_path()) files::sync_directory(file.parent_path());
                return created;
            }
        }
        std::string line = files::read_whole_file(file, 4096);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.pop_back();
        return parse_secret_key(line, file.string());
    } catch (const files::FileError& error) {
        return core::Problem{file.string(), "", error.what()};
    }
}

std::string report_signature_header_line(const SecretKey& key, std::string_view kiosk_id,
                                         std::int64_t timestamp_milliseconds, std::string_view body) {
    const std::string message = core::report_signed_message(kiosk_id, timestamp_milliseconds, body);
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         key.data());
    const core::ReportSignatureHeader header{.kiosk_id = std::string(kiosk_id),
                                             .timestamp_milliseconds = timestamp_milliseconds,
                                             .signature_base64 = to_base64(signature.data(), signature.size())};
    return std::string(core::report_signature_header_name) + ": " + core::format_report_signature_header(header);
}

bool verify_report_signature(const PublicKey& key, const core::ReportSignatureHeader& header, std::string_view body) {
    const std::optional<std::string> signature = from_base64(header.signature_base64, crypto_sign_BYTES);
    if (!signature) return false;
    const std::string message = core::report_signed_message(header.kiosk_id, header.timestamp_milliseconds, body);
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                       key.bytes.data()) == 0;
}

}  // namespace bangvang::sync
