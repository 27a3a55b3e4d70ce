#pragma once
// `bangvang-publish --help` in aligned columns. CLI11 pads the left column with
// std::setw, which counts bytes: "--out THƯ-MỤC" is 16 bytes but 13 letters, so every
// Vietnamese line stood short of its neighbours. This pads by characters (Vietnamese
// in NFC is one column per character). Only command_line.cpp, which links CLI11, includes it.
#include <CLI/CLI.hpp>

#include <string>

namespace bangvang::publish {

class HelpFormatter : public CLI::Formatter {
public:
    std::string make_option(const CLI::Option* option, bool is_positional) const override {
        return help_line(make_option_name(option, is_positional) + make_option_opts(option), make_option_desc(option));
    }
    std::string make_subcommand(const CLI::App* command) const override {
        return help_line(command->get_display_name(true), command->get_description());
    }

    // The columns a text takes: its bytes other than UTF-8 continuation bytes.
    static std::size_t columns(const std::string& text) {
        std::size_t count = 0;
        for (char byte : text) count += (static_cast<unsigned char>(byte) & 0xC0) == 0x80 ? 0 : 1;
        return count;
    }

private:
    // As CLI11's detail::format_help, counting characters instead of bytes.
    std::string help_line(const std::string& name, const std::string& description) const {
        const std::string indent(column_width_, ' ');
        std::string line = "  " + name;
        const std::size_t used = columns(line);
        if (!description.empty()) {
            line += used >= column_width_ ? "\n" + indent : std::string(column_width_ - used, ' ');
            for (char character : description) {
                line += character;
                if (character == '\n') line += indent;
            }
        } else if (used < column_width_) {
            line += std::string(column_width_ - used, ' ');
        }
        return line + "\n";
    }
};

}  // namespace bangvang::publish
