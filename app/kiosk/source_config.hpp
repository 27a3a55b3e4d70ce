#pragma once
// The "sources" of a kiosk's config: each one's id, feed URL or folder, signing keys
// and report URL (README "Configuring a kiosk"). Problems are thrown by `reader`.
#include <filesystem>
#include <vector>

#include "kiosk/config_fields.hpp"
#include "kiosk/kiosk_config.hpp"

namespace bangvang::kiosk {

void read_sources(const core::JsonFieldReader& reader, const Json& document,
                  const std::filesystem::path& config_directory, std::vector<SourceConfig>& configured);

}  // namespace bangvang::kiosk
