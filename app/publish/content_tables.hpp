#pragma once
// The two kinds written as tables (.csv): standings and honour rolls. Rows of
// "Field;value" first, then the table from its heading row on.
#include "publish/csv_table.hpp"
#include "publish/item_builder.hpp"

namespace bangvang::publish {

void read_standings(ItemBuilder& builder, const CsvTable& table);
void read_honor_roll(ItemBuilder& builder, const CsvTable& table);

}  // namespace bangvang::publish
