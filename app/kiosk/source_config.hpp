#pragma once
// The "sources" of a kiosk's config: each one's id, feed URL or folder, signing keys
// and report URL (README "Configuring a kiosk").
#include <filesystem>
#include <vector>

#include "kiosk/config_reader.hpp"
#include "kiosk/kiosk_config.hpp"

namespace bangvang::kiosk {

void read_sources(ConfigReader& reader, const Json& document, const std::filesystem::path& config_directory,
                  std::vector<SourceConfig>& configured);

}  // namespace bangvang::kiosk
