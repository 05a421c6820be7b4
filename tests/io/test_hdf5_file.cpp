#include <hdf5.h>
#include <hdf5_hl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "core/errors.h"
#include "io/atomic_output.h"
#include "io/hdf5_file.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using hubsim::OutputError;
using hubsim::io::AtomicOutput;
using hubsim::io::DatasetOptions;
using hubsim::io::File;
using hubsim::io::Group;
using hubsim::io::Handle;

namespace {

// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device device;
    path_ = fs::temp_directory_path() /
            ("hubsim-io-test-" + std::to_string(::getpid()) + "-" + std::to_string(device()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  fs::path path_;
};

// HDF5 objects (files, groups, datasets, named types, attributes) still open anywhere in the
// process. Every test ends with none: a leaked hid_t shows up here.
ssize_t open_hdf5_objects() {
  return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
}

Handle raw_dataset(const Group& group, const std::string& name) {
  hid_t id = H5Dopen2(group.id(), name.c_str(), H5P_DEFAULT);
  REQUIRE(id >= 0);
  return Handle(id, H5Dclose);
}

template <class T>
std::vector<T> sample_values(size_t count) {
  std::vector<T> values(count);
  for (size_t i = 0; i < count; ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      values[i] = static_cast<T>(0.25 * static_cast<double>(i) - 3.5);
    } else if constexpr (std::is_signed_v<T>) {
      values[i] = static_cast<T>(static_cast<int>(i % 100) - 50);
    } else {
      values[i] = static_cast<T>(i % 200);
    }
  }
  // The extremes of the type must survive the round trip too.
  if (count >= 2) {
    values[0] = std::numeric_limits<T>::lowest();
    values[count - 1] = std::numeric_limits<T>::max();
  }
  return values;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEMPLATE_TEST_CASE("numeric datasets round-trip in every shape", "[hdf5]", double, float, int8_t,
                   uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t) {
  TempDir dir;
  const std::string path = dir.file("numeric.h5");
  const std::vector<std::vector<hsize_t>> shapes = {{7},    {3, 4},    {2, 3, 4}, {0},
                                                    {0, 5}, {4, 0, 2}, {}};
  {
    File file = File::create(path);
    for (size_t s = 0; s < shapes.size(); ++s) {
      hsize_t count = 1;
      for (hsize_t d : shapes[s]) count *= d;
      file.write<TestType>("data" + std::to_string(s), sample_values<TestType>(count), shapes[s]);
    }
    file.close();
  }
  File file = File::open_read(path);
  for (size_t s = 0; s < shapes.size(); ++s) {
    INFO("shape index " << s);
    hsize_t count = 1;
    for (hsize_t d : shapes[s]) count *= d;
    std::vector<hsize_t> dims{99};
    std::vector<TestType> values = file.read<TestType>("data" + std::to_string(s), &dims);
    CHECK(dims == shapes[s]);
    CHECK(file.shape("data" + std::to_string(s)) == shapes[s]);
    CHECK(values == sample_values<TestType>(count));
  }
  // The stored type is the written one (little-endian standard type, same size and sign).
  Handle dataset = raw_dataset(file, "data1");
  Handle type(H5Dget_type(dataset.get()), H5Tclose);
  Handle native(H5Tget_native_type(type.get(), H5T_DIR_ASCEND), H5Tclose);
  CHECK(H5Tget_size(type.get()) == sizeof(TestType));
  CHECK(H5Tget_class(type.get()) == (std::is_floating_point_v<TestType> ? H5T_FLOAT : H5T_INTEGER));
}

TEST_CASE("numeric reads convert between types", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("convert.h5");
  {
    File file = File::create(path);
    file.write<int32_t>("counts", std::vector<int32_t>{-2, 0, 7, 1000000}, {4});
    file.write<double>("rates", std::vector<double>{0.5, 1.5, -2.0}, {3});
    file.close();
  }
  File file = File::open_read(path);
  CHECK(file.read<double>("counts") == std::vector<double>{-2.0, 0.0, 7.0, 1000000.0});
  CHECK(file.read<int64_t>("counts") == std::vector<int64_t>{-2, 0, 7, 1000000});
  CHECK(file.read<float>("rates") == std::vector<float>{0.5f, 1.5f, -2.0f});
}

TEST_CASE("a write whose data does not match its shape is refused", "[hdf5]") {
  TempDir dir;
  File file = File::create(dir.file("shape.h5"));
  std::vector<double> values(5, 1.0);
  CHECK_THROWS_AS(file.write<double>("bad", values, {2, 3}), OutputError);
  CHECK_THROWS_WITH(file.write<double>("bad", values, {2, 3}), Contains("shape (2, 3)"));
  CHECK_FALSE(file.exists("bad"));
  file.write<double>("good", values, {5});
  CHECK_THROWS_WITH(file.write<double>("good", values, {5}), Contains("/good"));  // exists
}

TEST_CASE("variable-length UTF-8 strings round-trip", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("strings.h5");
  const std::vector<std::string> values = {"Zürich",    "東京",     "",
                                           "São Paulo", "rocket 🚀", std::string(300, 'x')};
  {
    File file = File::create(path);
    file.write_strings("regions", values);
    file.write_strings("none", {});
    CHECK_THROWS_WITH(file.write_strings("nul", {std::string("a\0b", 3)}), Contains("NUL"));
    file.close();
  }
  File file = File::open_read(path);
  CHECK(file.read_strings("regions") == values);
  CHECK(file.read_strings("none").empty());
  CHECK(file.shape("none") == std::vector<hsize_t>{0});

  Handle dataset = raw_dataset(file, "regions");
  Handle type(H5Dget_type(dataset.get()), H5Tclose);
  CHECK(H5Tis_variable_str(type.get()) > 0);
  CHECK(H5Tget_cset(type.get()) == H5T_CSET_UTF8);
  CHECK_THROWS_WITH(file.read<double>("regions"), Contains("neither integer, float nor enum"));
}

TEST_CASE("fixed-length strings written elsewhere are read too", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("fixed.h5");
  {
    File file = File::create(path);
    // A fixed-length, NUL-padded string dataset as other tools write them.
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    REQUIRE(H5Tset_size(type.get(), 6) >= 0);
    REQUIRE(H5Tset_strpad(type.get(), H5T_STR_NULLPAD) >= 0);
    const hsize_t dims[1] = {2};
    Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose);
    Handle dataset(H5Dcreate2(file.id(), "fixed", type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT,
                              H5P_DEFAULT),
                   H5Dclose);
    const char data[12] = {'a', 'b', 'c', 0, 0, 0, 'l', 'o', 'n', 'g', 'e', 'r'};
    REQUIRE(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0);
  }
  File file = File::open_read(path);
  CHECK(file.read_strings("fixed") == std::vector<std::string>{"abc", "longer"});
}

TEST_CASE("enum datasets keep their labels", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("enum.h5");
  const std::vector<std::string> labels = {"organic", "paid", "referral", "Straße"};
  const std::vector<uint8_t> codes = {0, 1, 2, 3, 3, 2, 1, 0};
  {
    File file = File::create(path);
    file.write_enum("channel", codes, labels, {2, 4});
    file.write_enum("empty", std::vector<uint8_t>{}, labels, {0});
    CHECK_THROWS_WITH(file.write_enum("bad_code", std::vector<uint8_t>{0, 4}, labels, {2}),
                      Contains("code 4"));
    CHECK_THROWS_WITH(file.write_enum("twice", std::vector<uint8_t>{0}, {"a", "a"}, {1}),
                      Contains("'a' appears twice"));
    CHECK_THROWS_AS(file.write_enum("none", std::vector<uint8_t>{}, {}, {0}), OutputError);
    CHECK_FALSE(file.exists("bad_code"));
    file.write<int32_t>("taken_enum", std::vector<int32_t>{1}, {1});
    CHECK_THROWS_WITH(file.write_enum("taken", std::vector<uint8_t>{0}, labels, {1}),
                      Contains("/taken_enum"));
    CHECK_FALSE(file.exists("taken"));
    // The dataset cannot be created: its committed type must not stay behind either.
    file.write<double>("plain", std::vector<double>{1.0}, {1});
    CHECK_THROWS_WITH(file.write_enum("plain", std::vector<uint8_t>{0}, labels, {1}),
                      Contains("/plain"));
    CHECK_THROWS_AS(file.write_enum("missing/channel", std::vector<uint8_t>{0}, labels, {1}),
                    OutputError);
    // Fails after the type was committed (HDF5 allows at most 32 dimensions).
    CHECK_THROWS_AS(
        file.write_enum("deep", std::vector<uint8_t>{0}, labels, std::vector<hsize_t>(33, 1)),
        OutputError);
    CHECK_FALSE(file.exists("deep_enum"));
    file.create_group("nested");
    file.write_enum("nested/channel", codes, labels, {8});
    file.close();
  }
  File file = File::open_read(path);
  // Refused writes left nothing behind; the enum types are committed beside their datasets.
  CHECK(file.list() == std::vector<std::string>{"channel", "channel_enum", "empty", "empty_enum",
                                                "nested", "plain", "taken_enum"});
  CHECK(file.open_group("nested").list() == std::vector<std::string>{"channel", "channel_enum"});
  CHECK(file.enum_labels("nested/channel") == labels);
  CHECK(file.enum_labels("channel") == labels);
  CHECK(file.enum_labels("empty") == labels);
  std::vector<hsize_t> dims;
  CHECK(file.read<uint8_t>("channel", &dims) == codes);
  CHECK(dims == std::vector<hsize_t>{2, 4});
  CHECK(file.read<int32_t>("channel") == std::vector<int32_t>{0, 1, 2, 3, 3, 2, 1, 0});
  CHECK(file.read<uint8_t>("empty").empty());

  Handle dataset = raw_dataset(file, "channel");
  Handle type(H5Dget_type(dataset.get()), H5Tclose);
  CHECK(H5Tget_class(type.get()) == H5T_ENUM);
  CHECK(H5Tget_size(type.get()) == 1);
  CHECK(H5Tcommitted(type.get()) > 0);  // netCDF-C reads only enums of named types
  CHECK_THROWS_WITH(file.enum_labels("empty_not_there"), Contains("/empty_not_there"));
}

TEST_CASE("attributes of every kind round-trip and can be replaced", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("attrs.h5");
  {
    File file = File::create(path);
    Group series = file.create_group("series");
    series.write<double>("x", std::vector<double>{1, 2, 3}, {3});
    file.set_attr("", "title", "hubsim — Größe");
    file.set_attr("", "seed", int64_t{-42});
    file.set_attr("", "replications", 12);  // int goes through the int64 overload
    file.set_attr("", "scale", 0.125);
    file.set_attr("", "weights", std::vector<double>{0.1, 0.2, 0.7});
    file.set_attr("", "no_weights", std::vector<double>{});
    file.set_attr("", "names", std::vector<std::string>{"α", "b", ""});
    series.set_attr("x", "units", "days since 1970-01-01");
    file.set_attr("series/x", "long_name", "the x values");
    series.set_attr("", "kind", "series");
    // Replacing an attribute may change its type.
    file.set_attr("", "scale", "one eighth");
    CHECK_THROWS_AS(file.set_attr("missing", "a", 1.0), OutputError);
    CHECK_THROWS_AS(file.set_attr("", "big", std::numeric_limits<uint64_t>::max()), OutputError);
    file.close();
  }
  File file = File::open_read(path);
  CHECK(file.read_attr_string("", "title") == "hubsim — Größe");
  CHECK(file.read_attr_int64("", "seed") == -42);
  CHECK(file.read_attr_double("", "seed") == -42.0);
  CHECK(file.read_attr_int64("", "replications") == 12);
  CHECK(file.read_attr_string("", "scale") == "one eighth");
  CHECK(file.read_attr_doubles("", "weights") == std::vector<double>{0.1, 0.2, 0.7});
  CHECK(file.read_attr_doubles("", "no_weights").empty());
  CHECK(file.read_attr_strings("", "names") == std::vector<std::string>{"α", "b", ""});
  CHECK(file.read_attr_string("series/x", "units") == "days since 1970-01-01");
  Group series = file.open_group("series");
  CHECK(series.read_attr_string("x", "long_name") == "the x values");
  CHECK(series.read_attr_string("", "kind") == "series");
  CHECK(file.has_attr("", "title"));
  CHECK_FALSE(file.has_attr("", "nope"));
  CHECK_THROWS_WITH(file.read_attr_double("", "weights"), Contains("holds 3"));
  CHECK_THROWS_WITH(file.read_attr_double("", "title"), Contains("as numbers"));
  CHECK_THROWS_WITH(file.read_attr_string("", "nope"), Contains("'nope'") && Contains(path));

  // String attributes are scalar, variable-length UTF-8 (what h5py and netCDF read as str).
  Handle attribute(H5Aopen(file.id(), "title", H5P_DEFAULT), H5Aclose);
  Handle type(H5Aget_type(attribute.get()), H5Tclose);
  Handle space(H5Aget_space(attribute.get()), H5Sclose);
  CHECK(H5Tis_variable_str(type.get()) > 0);
  CHECK(H5Tget_cset(type.get()) == H5T_CSET_UTF8);
  CHECK(H5Sget_simple_extent_type(space.get()) == H5S_SCALAR);
}

TEST_CASE("dimension scales are attached", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("scales.h5");
  {
    File file = File::create(path);
    Group series = file.create_group("series");
    series.write<double>("value", std::vector<double>(12, 1.0), {3, 4});
    series.write<int64_t>("replication", std::vector<int64_t>{0, 1, 2}, {3});
    series.write<int32_t>("week", std::vector<int32_t>{0, 7, 14, 21}, {4});
    series.make_scale("replication", "replication");
    series.make_scale("week", "week");
    series.attach_scale("value", 0, "replication");
    series.attach_scale("value", 1, "week");
    // Refused: wrong length, not a scale yet, no such dimension, 2-D scale.
    CHECK_THROWS_WITH(series.attach_scale("value", 0, "week"), Contains("lengths differ"));
    series.write<int32_t>("other", std::vector<int32_t>{1, 2, 3}, {3});
    CHECK_THROWS_WITH(series.attach_scale("value", 0, "other"), Contains("make_scale"));
    CHECK_THROWS_WITH(series.attach_scale("value", 2, "week"), Contains("has 2 dimensions"));
    CHECK_THROWS_WITH(series.make_scale("value", "value"), Contains("not 1-D"));
    file.close();
  }
  File file = File::open_read(path);
  Group series = file.open_group("series");
  Handle value = raw_dataset(series, "value");
  Handle replication = raw_dataset(series, "replication");
  Handle week = raw_dataset(series, "week");
  CHECK(H5DSis_scale(replication.get()) > 0);
  CHECK(H5DSis_scale(week.get()) > 0);
  CHECK(H5DSis_attached(value.get(), replication.get(), 0) > 0);
  CHECK(H5DSis_attached(value.get(), week.get(), 1) > 0);
  CHECK(H5DSis_attached(value.get(), week.get(), 0) == 0);
  char name[32] = {};
  CHECK(H5DSget_scale_name(week.get(), name, sizeof name) > 0);
  CHECK(std::string(name) == "week");
}

TEST_CASE("nested groups are created, opened, listed and found", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("groups.h5");
  {
    File file = File::create(path);
    Group c = file.create_group("a/b/c");
    CHECK(c.path() == "/a/b/c");
    c.write<int32_t>("n", std::vector<int32_t>{1}, {1});
    Group b = file.open_group("a/b");
    b.create_group("sibling");
    file.create_group("z");
    file.create_group("/m");  // absolute paths work too
    file.write<double>("ds", std::vector<double>{1.0}, {1});
    CHECK_THROWS_WITH(file.create_group("a/b/c"), Contains("/a/b/c"));
    CHECK_THROWS_AS(file.create_group("ds/x"), OutputError);  // parent is a dataset
    file.close();
  }
  File file = File::open_read(path);
  CHECK(file.list() == std::vector<std::string>{"a", "ds", "m", "z"});
  CHECK(file.open_group("a/b").list() == std::vector<std::string>{"c", "sibling"});
  CHECK(file.exists("a"));
  CHECK(file.exists("a/b/c"));
  CHECK(file.exists("a/b/c/n"));
  CHECK(file.exists("/a/b"));
  CHECK(file.exists("/"));
  CHECK_FALSE(file.exists(""));
  CHECK_FALSE(file.exists("x"));
  CHECK_FALSE(file.exists("x/y/z"));
  CHECK_FALSE(file.exists("a/b/c/n/deeper"));  // a dataset has no children
  CHECK_FALSE(file.exists("ds/x"));
  Group a = file.open_group("a");
  CHECK(a.exists("b/c"));
  CHECK(a.path() == "/a");
  CHECK(a.open_group("b/c").read<int32_t>("n") == std::vector<int32_t>{1});
  CHECK_THROWS_WITH(file.open_group("a/nope"), Contains(path + ":/a/nope"));
}

TEST_CASE("compressed datasets round-trip with bounded chunks", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("compressed.h5");
  const size_t rows = 300000;
  std::vector<double> big(rows);
  for (size_t i = 0; i < rows; ++i) big[i] = static_cast<double>(i / 1000);
  std::vector<int32_t> table(1000 * 3);
  for (size_t i = 0; i < table.size(); ++i) table[i] = static_cast<int32_t>(i % 17);
  const DatasetOptions deflate{.deflate_level = 4, .shuffle = true, .chunk_rows = 0};
  {
    File file = File::create(path);
    file.write<double>("big", big, {rows}, deflate);
    file.write<int32_t>("table", table, {1000, 3},
                        DatasetOptions{.deflate_level = 6, .shuffle = false, .chunk_rows = 64});
    file.write<float>("empty", std::vector<float>{}, {0, 3}, deflate);
    file.write<uint8_t>("chunked_only", std::vector<uint8_t>(10, 7), {10},
                        DatasetOptions{.deflate_level = 0, .shuffle = true, .chunk_rows = 4});
    CHECK_THROWS_WITH(
        file.write<double>("bad_level", big, {rows}, DatasetOptions{.deflate_level = 12}),
        Contains("outside 0..9"));
    file.close();
  }
  CHECK(fs::file_size(path) < rows * sizeof(double) / 10);
  File file = File::open_read(path);
  CHECK(file.read<double>("big") == big);
  CHECK(file.read<int32_t>("table") == table);
  std::vector<hsize_t> dims;
  CHECK(file.read<float>("empty", &dims).empty());
  CHECK(dims == std::vector<hsize_t>{0, 3});
  CHECK(file.read<uint8_t>("chunked_only") == std::vector<uint8_t>(10, 7));

  auto layout_of = [&](const std::string& name, std::vector<hsize_t>* chunk, int* filters) {
    Handle dataset = raw_dataset(file, name);
    Handle dcpl(H5Dget_create_plist(dataset.get()), H5Pclose);
    H5D_layout_t layout = H5Pget_layout(dcpl.get());
    *filters = H5Pget_nfilters(dcpl.get());
    if (layout == H5D_CHUNKED) {
      chunk->assign(static_cast<size_t>(H5Pget_chunk(dcpl.get(), 0, nullptr)), 0);
      H5Pget_chunk(dcpl.get(), static_cast<int>(chunk->size()), chunk->data());
    }
    return layout;
  };
  std::vector<hsize_t> chunk;
  int filters = 0;
  CHECK(layout_of("big", &chunk, &filters) == H5D_CHUNKED);
  CHECK(filters == 2);  // shuffle + deflate
  REQUIRE(chunk.size() == 1);
  CHECK(chunk[0] * sizeof(double) <= (1u << 20));
  CHECK(chunk[0] * sizeof(double) >= (1u << 19));
  CHECK(layout_of("table", &chunk, &filters) == H5D_CHUNKED);
  CHECK(filters == 1);  // deflate only
  CHECK(chunk == std::vector<hsize_t>{64, 3});
  CHECK(layout_of("empty", &chunk, &filters) == H5D_CONTIGUOUS);
  CHECK(filters == 0);
  CHECK(layout_of("chunked_only", &chunk, &filters) == H5D_CHUNKED);
  CHECK(filters == 0);
  CHECK(chunk == std::vector<hsize_t>{4});
}

TEST_CASE("automatic chunks of wide rows are cut in the inner dimensions too", "[hdf5]") {
  TempDir dir;
  File file = File::create(dir.file("wide.h5"));
  // One row of 3 x 100000 doubles is 2.4 MB: the chunk must cut inside the row.
  std::vector<double> values(2 * 3 * 100000, 1.5);
  file.write<double>("wide", values, {2, 3, 100000}, DatasetOptions{.deflate_level = 1});
  Handle dataset = raw_dataset(file, "wide");
  Handle dcpl(H5Dget_create_plist(dataset.get()), H5Pclose);
  hsize_t chunk[3] = {};
  REQUIRE(H5Pget_chunk(dcpl.get(), 3, chunk) == 3);
  CHECK(chunk[0] * chunk[1] * chunk[2] * sizeof(double) <= (1u << 20));
  CHECK(file.read<double>("wide") == values);
}

TEST_CASE("failures throw OutputError naming the file and object", "[hdf5]") {
  TempDir dir;
  const std::string missing = dir.file("missing.h5");
  CHECK_THROWS_AS(File::open_read(missing), OutputError);
  CHECK_THROWS_WITH(File::open_read(missing), Contains(missing) && Contains("HDF5:"));
  CHECK_THROWS_WITH(File::create(dir.file("no/such/dir/out.h5")), Contains("no/such/dir/out.h5"));

  const std::string text = dir.file("not_hdf5.h5");
  std::ofstream(text) << "this is not an HDF5 file\n";
  CHECK_THROWS_WITH(File::open_read(text), Contains(text) && Contains("signature"));

  const std::string path = dir.file("small.h5");
  {
    File file = File::create(path);
    file.write<double>("present", std::vector<double>{1.0}, {1});
    file.close();
    file.close();  // a second close does nothing
  }
  File file = File::open_read(path);
  CHECK_THROWS_WITH(file.read<double>("absent"), Contains(path + ":/absent"));
  CHECK_THROWS_WITH(file.read_strings("present"), Contains("does not hold strings"));
  CHECK_THROWS_WITH(file.enum_labels("present"), Contains("not an enum"));
  // Read-only: writing fails with HDF5's reason.
  CHECK_THROWS_WITH(file.write<double>("new", std::vector<double>{1.0}, {1}), Contains(path));
  CHECK_THROWS_AS(file.create_group("g"), OutputError);
}

TEST_CASE("no HDF5 object stays open, including after errors", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("leaks.h5");
  const ssize_t before = open_hdf5_objects();
  {
    File file = File::create(path);
    Group g = file.create_group("g/h");
    g.write<double>("x", std::vector<double>{1, 2}, {2});
    g.make_scale("x", "x");
    g.write<double>("y", std::vector<double>{1, 2}, {2});
    g.attach_scale("y", 0, "x");
    g.set_attr("x", "units", "m");
    CHECK_THROWS(g.write<double>("x", std::vector<double>{1, 2}, {2}));
    CHECK_THROWS(g.attach_scale("y", 0, "missing"));
    CHECK_THROWS(g.set_attr("missing", "a", 1.0));
    CHECK_THROWS(g.read_attr_string("x", "missing"));
    file.close();
    CHECK(open_hdf5_objects() > before);  // g still holds the file open
  }
  CHECK(open_hdf5_objects() == before);
  {
    File file = File::open_read(path);
    CHECK(file.open_group("g/h").read<double>("y") == std::vector<double>{1, 2});
  }
  CHECK(open_hdf5_objects() == before);
  CHECK_THROWS(File::open_read(dir.file("nope.h5")));
  CHECK(open_hdf5_objects() == before);
}

TEST_CASE("moved files and groups keep working", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("moved.h5");
  File file = File::create(path);
  File moved = std::move(file);
  CHECK_FALSE(file.is_open());
  Group g = moved.create_group("g");
  Group other = std::move(g);
  other.write<int16_t>("v", std::vector<int16_t>{1, 2}, {2});
  moved.close();
  CHECK(File::open_read(path).open_group("g").read<int16_t>("v") == std::vector<int16_t>{1, 2});
}

TEST_CASE("identical writes give identical files", "[hdf5]") {
  TempDir dir;
  auto write = [](const std::string& path) {
    File file = File::create(path);
    Group g = file.create_group("series");
    g.write<double>("x", std::vector<double>{1, 2, 3}, {3}, DatasetOptions{.deflate_level = 3});
    g.write_strings("s", {"a", "b"});
    g.set_attr("", "title", "t");
    file.close();
  };
  write(dir.file("one.h5"));
  write(dir.file("two.h5"));
  CHECK(slurp(dir.file("one.h5")) == slurp(dir.file("two.h5")));
}

TEST_CASE("xarray reads series with labelled dimensions and decoded time", "[hdf5]") {
  // The constants must match tests/io/check_xarray.py.
  const hsize_t n_replications = 3, n_weeks = 5;
  const std::vector<std::string> regions = {"Zürich", "São Paulo", "東京", "Nairobi"};
  const hsize_t n_regions = regions.size();
  const int32_t first_week_day = 19723;  // 2024-01-01

  TempDir dir;
  const std::string path = dir.file("series.h5");
  {
    File file = File::create(path);
    Group series = file.create_group("series");
    series.set_attr("", "title", "hubsim test series");

    std::vector<int64_t> replication(n_replications);
    for (hsize_t r = 0; r < n_replications; ++r) replication[r] = static_cast<int64_t>(r);
    std::vector<int32_t> week(n_weeks);
    for (hsize_t w = 0; w < n_weeks; ++w) week[w] = first_week_day + 7 * static_cast<int32_t>(w);
    series.write<int64_t>("replication", replication, {n_replications});
    series.write<int32_t>("week", week, {n_weeks});
    series.set_attr("week", "units", "days since 1970-01-01");
    series.set_attr("week", "calendar", "proleptic_gregorian");
    series.write_strings("region", regions);

    std::vector<double> downloads;
    for (hsize_t r = 0; r < n_replications; ++r) {
      for (hsize_t w = 0; w < n_weeks; ++w) downloads.push_back(static_cast<double>(r * 100 + w));
    }
    series.write<double>("new_downloads", downloads, {n_replications, n_weeks},
                         DatasetOptions{.deflate_level = 4});
    std::vector<float> share;
    for (hsize_t r = 0; r < n_replications; ++r) {
      for (hsize_t w = 0; w < n_weeks; ++w) {
        for (hsize_t k = 0; k < n_regions; ++k) {
          share.push_back(static_cast<float>(r * 10000 + w * 100 + k) / 8.0f);
        }
      }
    }
    series.write<float>("share", share, {n_replications, n_weeks, n_regions});

    // A categorical variable over region.
    series.write_enum("region_kind", std::vector<uint8_t>{0, 0, 1, 2}, {"urban", "rural", "mixed"},
                      {n_regions});

    for (const char* scale : {"replication", "week", "region"}) series.make_scale(scale, scale);
    series.attach_scale("region_kind", 0, "region");
    series.attach_scale("new_downloads", 0, "replication");
    series.attach_scale("new_downloads", 1, "week");
    series.attach_scale("share", 0, "replication");
    series.attach_scale("share", 1, "week");
    series.attach_scale("share", 2, "region");

    // Empty datasets that h5py must read (checked by the script, outside the xarray group).
    Group extras = file.create_group("extras");
    extras.write<double>("empty_float", std::vector<double>{}, {0, 3},
                         DatasetOptions{.deflate_level = 4});
    extras.write_strings("empty_strings", {});
    extras.write_enum("empty_enum", std::vector<uint8_t>{}, {"a", "b"}, {0});
    extras.set_attr("", "empty_values", std::vector<double>{});
    file.close();
  }

  const std::string script = std::string(HUBSIM_SOURCE_DIR) + "/tests/io/check_xarray.py";
  REQUIRE(fs::exists(script));
  // Debian's interpreter has xarray/h5netcdf; the python3 on PATH may not.
  const std::string command = "/usr/bin/python3 '" + script + "' '" + path + "' 2>&1";
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = ::pclose(pipe);
  INFO("command: " << command);
  INFO("output:\n" << output);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK_THAT(output, Contains("ok: h5netcdf"));
}

// -------------------------------------------------------------------------------------------------
// AtomicOutput

namespace {

void write_small_hdf5(const std::string& path, double value) {
  File file = File::create(path);
  file.write<double>("value", std::vector<double>{value}, {1});
  file.close();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

TEST_CASE("AtomicOutput names its temp file next to the final path", "[atomic]") {
  TempDir dir;
  const std::string final_path = dir.file("out.h5");
  AtomicOutput first(final_path);
  AtomicOutput second(final_path);
  const std::string prefix = final_path + ".tmp-" + std::to_string(::getpid()) + "-";
  REQUIRE(first.temp_path().rfind(prefix, 0) == 0);
  const std::string suffix = first.temp_path().substr(prefix.size());
  CHECK(suffix.size() == 16);
  CHECK(suffix.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(first.temp_path() != second.temp_path());
  CHECK(dir.entries().empty());  // creates no file itself
}

TEST_CASE("AtomicOutput without commit leaves nothing behind", "[atomic]") {
  TempDir dir;
  const std::string final_path = dir.file("out.h5");
  SECTION("no previous output") {
    {
      AtomicOutput output(final_path);
      write_small_hdf5(output.temp_path(), 1.0);
      CHECK(fs::exists(output.temp_path()));
    }
    CHECK(dir.entries().empty());
  }
  SECTION("a previous output stays untouched") {
    write_text(final_path, "previous");
    {
      AtomicOutput output(final_path);
      write_small_hdf5(output.temp_path(), 1.0);
    }
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
    CHECK(slurp(final_path) == "previous");
  }
  SECTION("an exception before commit") {
    try {
      AtomicOutput output(final_path);
      write_small_hdf5(output.temp_path(), 1.0);
      throw std::runtime_error("run failed");
    } catch (const std::runtime_error&) {
    }
    CHECK(dir.entries().empty());
  }
  SECTION("the temp file was never created") {
    { AtomicOutput output(final_path); }
    CHECK(dir.entries().empty());
  }
}

TEST_CASE("AtomicOutput commit puts the file in place", "[atomic]") {
  TempDir dir;
  const std::string final_path = dir.file("out.h5");
  SECTION("new file") {
    AtomicOutput output(final_path);
    write_small_hdf5(output.temp_path(), 2.5);
    output.commit();
    CHECK(output.committed());
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
    CHECK(File::open_read(final_path).read<double>("value") == std::vector<double>{2.5});
    CHECK_THROWS_WITH(output.commit(), Contains("already committed"));
  }
  SECTION("replaces an existing file") {
    write_text(final_path, "previous");
    {
      AtomicOutput output(final_path);
      write_small_hdf5(output.temp_path(), 3.5);
      output.commit();
    }
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
    CHECK(File::open_read(final_path).read<double>("value") == std::vector<double>{3.5});
  }
  SECTION("a relative path in the current directory") {
    struct RestoreCurrentPath {
      fs::path previous = fs::current_path();
      ~RestoreCurrentPath() { fs::current_path(previous); }
    } restore;
    fs::current_path(dir.path());
    {
      AtomicOutput output("relative.h5");
      write_small_hdf5(output.temp_path(), 4.5);
      output.commit();
    }
    CHECK(dir.entries() == std::vector<std::string>{"relative.h5"});
  }
  SECTION("moved before commit") {
    AtomicOutput output(final_path);
    write_small_hdf5(output.temp_path(), 5.5);
    AtomicOutput moved(std::move(output));
    CHECK_THROWS_WITH(output.commit(), Contains("moved from"));
    moved.commit();
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
  }
}

TEST_CASE("AtomicOutput commit failures throw and clean up", "[atomic]") {
  TempDir dir;
  SECTION("nothing was written") {
    AtomicOutput output(dir.file("out.h5"));
    CHECK_THROWS_WITH(output.commit(), Contains(output.temp_path()));
  }
  SECTION("the final path is a non-empty directory") {
    fs::create_directories(dir.path() / "out.h5" / "inside");
    {
      AtomicOutput output(dir.file("out.h5"));
      write_small_hdf5(output.temp_path(), 1.0);
      CHECK_THROWS_WITH(output.commit(), Contains(dir.file("out.h5")));
    }
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
  }
}

TEST_CASE("output directories are checked before a run", "[atomic]") {
  TempDir dir;
  CHECK_NOTHROW(hubsim::io::require_writable_directory(dir.path().string()));
  CHECK_NOTHROW(hubsim::io::require_writable_parent_directory(dir.file("out.h5")));
  CHECK(dir.entries().empty());  // the probe file is gone
  CHECK_THROWS_WITH(hubsim::io::require_writable_directory(dir.file("absent")),
                    Contains(dir.file("absent")) && Contains("does not exist"));
  CHECK_THROWS_WITH(hubsim::io::require_writable_parent_directory(dir.file("absent/out.h5")),
                    Contains("does not exist"));
  write_text(dir.file("plain"), "x");
  CHECK_THROWS_WITH(hubsim::io::require_writable_directory(dir.file("plain")),
                    Contains("not a directory"));
}
