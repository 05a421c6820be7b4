#pragma once
// A design made by another tool: a CSV file with a header of parameter registry names and one
// row of numbers per experiment. Blank lines and lines starting with '#' are skipped; fields may
// be double-quoted. Every value is checked against the parameter's bounds.
#include <string>
#include <vector>

namespace hubsim::sweep {

struct DesignTable {
  std::string file;
  std::vector<std::string> columns;  // registry names
  std::vector<double> values;        // row-major: [row * columns + column]
  std::vector<int> lines;            // the file line of each row (for messages)
  size_t rows() const { return columns.empty() ? 0 : values.size() / columns.size(); }
};

// Throws InputError naming the file, line, column and value for any problem; `referrer` and
// `key` name the sweep file entry that points at the table (used when the file is missing).
DesignTable read_design_table(const std::string& path, const std::string& referrer,
                              const std::string& key, int referrer_line);

}  // namespace hubsim::sweep
