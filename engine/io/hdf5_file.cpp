#include "io/hdf5_file.h"

#include <hdf5_hl.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <set>

#include "core/errors.h"

namespace hubsim::io {
namespace {

// Chunks of at most this many bytes when the caller lets us choose (HDF5's chunk cache is
// 1 MiB per dataset by default, so a chunk must fit in it to be cached).
constexpr hsize_t kTargetChunkBytes = hsize_t{1} << 20;

// HDF5 prints its error stack to stderr by default; we turn that off and put the stack into
// the exception instead. The thread-safe HDF5 build keeps one error stack per thread, hence
// once per thread.
void silence_hdf5_printing() {
  thread_local bool silenced = false;
  if (!silenced) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    silenced = true;
  }
}

herr_t append_error_entry(unsigned /*depth*/, const H5E_error2_t* error, void* client) noexcept {
  try {
    auto& text = *static_cast<std::string*>(client);
    std::string entry;
    if (error->func_name != nullptr) entry += std::string(error->func_name) + "(): ";
    if (error->desc != nullptr) entry += error->desc;
    // Some descriptions embed a ctime() string with its newline; keep the message one line.
    std::replace(entry.begin(), entry.end(), '\n', ' ');
    char minor[160];
    if (H5Eget_msg(error->min_num, nullptr, minor, sizeof minor) > 0) {
      entry += std::string(" (") + minor + ")";
    }
    if (!text.empty()) text += "; ";
    text += entry;
    return 0;
  } catch (...) {
    return -1;
  }
}

// The current thread's HDF5 error stack as one line, from the API call inwards. Taking it
// also clears it. Must run before any other HDF5 call after the failure.
std::string take_error_stack() {
  hid_t stack = H5Eget_current_stack();
  if (stack < 0) return "(HDF5 error stack unavailable)";
  std::string text;
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, append_error_entry, &text);
  H5Eclose_stack(stack);
  return text.empty() ? "(no HDF5 error details)" : "HDF5: " + text;
}

[[noreturn]] void fail_with_stack(const std::string& what) {
  std::string stack = take_error_stack();
  throw OutputError(what + ": " + stack);
}

void check(herr_t status, const std::string& what) {
  if (status < 0) fail_with_stack(what);
}

Handle own(hid_t id, Handle::Closer closer, const std::string& what) {
  if (id < 0) fail_with_stack(what);
  return Handle(id, closer);
}

std::string format_dims(const std::vector<hsize_t>& dims) {
  std::string text = "(";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(dims[i]);
  }
  return text + ")";
}

hsize_t element_count(const std::vector<hsize_t>& dims, const std::string& where) {
  hsize_t count = 1;
  for (hsize_t d : dims) {
    if (d != 0 && count > std::numeric_limits<hsize_t>::max() / d) {
      throw OutputError("cannot write " + where + ": shape " + format_dims(dims) + " overflows");
    }
    count *= d;
  }
  return count;
}

void check_element_count(const std::vector<hsize_t>& dims, size_t available,
                         const std::string& where) {
  hsize_t count = element_count(dims, where);
  if (count != available) {
    throw OutputError("cannot write " + where + ": " + std::to_string(available) +
                      " values given for shape " + format_dims(dims) + " (" +
                      std::to_string(count) + " elements)");
  }
}

// Empty dims mean a scalar.
Handle make_dataspace(const std::vector<hsize_t>& dims, const std::string& where) {
  if (dims.empty())
    return own(H5Screate(H5S_SCALAR), H5Sclose, "cannot create dataspace for " + where);
  return own(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose,
             "cannot create dataspace " + format_dims(dims) + " for " + where);
}

Handle make_utf8_string_type(const std::string& where) {
  Handle type = own(H5Tcopy(H5T_C_S1), H5Tclose, "cannot create string type for " + where);
  check(H5Tset_size(type.get(), H5T_VARIABLE), "cannot make variable-length string for " + where);
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "cannot set UTF-8 for " + where);
  return type;
}

// Variable-length C strings end at the first NUL, so an embedded one would silently truncate.
void check_no_nul(const std::string& value, const std::string& where) {
  if (value.find('\0') != std::string::npos) {
    throw OutputError("cannot write " + where + ": string contains a NUL character");
  }
}

std::vector<const char*> c_strings(const std::vector<std::string>& values,
                                   const std::string& where) {
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& value : values) {
    check_no_nul(value, where);
    pointers.push_back(value.c_str());
  }
  return pointers;
}

Handle make_group_creation_plist(const std::string& where) {
  Handle gcpl =
      own(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, "cannot create property list for " + where);
  // netCDF-4 tracks link creation order and needs it to open a file for appending.
  check(H5Pset_link_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "cannot set link creation order for " + where);
  // No modification times: identical runs give identical files.
  check(H5Pset_obj_track_times(gcpl.get(), false), "cannot disable time tracking for " + where);
  return gcpl;
}

// Chunk shape for a dataset of `dims`: the first dimension is cut to chunk_rows when given;
// otherwise dimensions are cut from the outermost inwards until a chunk is <= ~1 MiB.
std::vector<hsize_t> choose_chunk(const std::vector<hsize_t>& dims, size_t element_size,
                                  hsize_t chunk_rows) {
  std::vector<hsize_t> chunk = dims;
  if (chunk_rows > 0) {
    chunk[0] = std::min(chunk_rows, dims[0]);
    return chunk;
  }
  for (size_t i = 0; i < chunk.size(); ++i) {
    hsize_t inner_bytes = element_size;
    for (size_t j = i + 1; j < chunk.size(); ++j) inner_bytes *= chunk[j];
    if (inner_bytes * chunk[i] <= kTargetChunkBytes) break;
    chunk[i] = std::max<hsize_t>(1, kTargetChunkBytes / inner_bytes);
    if (inner_bytes * chunk[i] <= kTargetChunkBytes) break;
  }
  return chunk;
}

Handle make_dataset_creation_plist(const std::vector<hsize_t>& dims, size_t element_size,
                                   const DatasetOptions& options, const std::string& where) {
  if (options.deflate_level < 0 || options.deflate_level > 9) {
    throw OutputError("cannot write " + where + ": deflate level " +
                      std::to_string(options.deflate_level) + " is outside 0..9");
  }
  Handle dcpl =
      own(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "cannot create property list for " + where);
  check(H5Pset_obj_track_times(dcpl.get(), false), "cannot disable time tracking for " + where);
  bool empty = std::find(dims.begin(), dims.end(), hsize_t{0}) != dims.end();
  // Scalars and empty datasets cannot be chunked (chunk sides must be >= 1 and <= the
  // fixed extent); they stay contiguous and unfiltered.
  if (dims.empty() || empty) return dcpl;
  if (options.deflate_level == 0 && options.chunk_rows == 0) return dcpl;

  std::vector<hsize_t> chunk = choose_chunk(dims, element_size, options.chunk_rows);
  check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()),
        "cannot set chunk shape " + format_dims(chunk) + " for " + where);
  if (options.deflate_level > 0) {
    if (H5Zfilter_avail(H5Z_FILTER_DEFLATE) <= 0) {
      throw OutputError("cannot write " + where + ": this HDF5 library has no deflate filter");
    }
    // Filters run in the order added: shuffle bytes first so deflate sees similar bytes together.
    if (options.shuffle)
      check(H5Pset_shuffle(dcpl.get()), "cannot add shuffle filter for " + where);
    check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(options.deflate_level)),
          "cannot add deflate filter for " + where);
  }
  return dcpl;
}

template <class T>
hid_t native_type();
template <>
hid_t native_type<double>() {
  return H5T_NATIVE_DOUBLE;
}
template <>
hid_t native_type<float>() {
  return H5T_NATIVE_FLOAT;
}
template <>
hid_t native_type<int8_t>() {
  return H5T_NATIVE_INT8;
}
template <>
hid_t native_type<uint8_t>() {
  return H5T_NATIVE_UINT8;
}
template <>
hid_t native_type<int16_t>() {
  return H5T_NATIVE_INT16;
}
template <>
hid_t native_type<uint16_t>() {
  return H5T_NATIVE_UINT16;
}
template <>
hid_t native_type<int32_t>() {
  return H5T_NATIVE_INT32;
}
template <>
hid_t native_type<uint32_t>() {
  return H5T_NATIVE_UINT32;
}
template <>
hid_t native_type<int64_t>() {
  return H5T_NATIVE_INT64;
}
template <>
hid_t native_type<uint64_t>() {
  return H5T_NATIVE_UINT64;
}

// Fixed little-endian storage types, whatever the machine.
template <class T>
hid_t storage_type();
template <>
hid_t storage_type<double>() {
  return H5T_IEEE_F64LE;
}
template <>
hid_t storage_type<float>() {
  return H5T_IEEE_F32LE;
}
template <>
hid_t storage_type<int8_t>() {
  return H5T_STD_I8LE;
}
template <>
hid_t storage_type<uint8_t>() {
  return H5T_STD_U8LE;
}
template <>
hid_t storage_type<int16_t>() {
  return H5T_STD_I16LE;
}
template <>
hid_t storage_type<uint16_t>() {
  return H5T_STD_U16LE;
}
template <>
hid_t storage_type<int32_t>() {
  return H5T_STD_I32LE;
}
template <>
hid_t storage_type<uint32_t>() {
  return H5T_STD_U32LE;
}
template <>
hid_t storage_type<int64_t>() {
  return H5T_STD_I64LE;
}
template <>
hid_t storage_type<uint64_t>() {
  return H5T_STD_U64LE;
}

std::vector<hsize_t> dataspace_dims(hid_t space, const std::string& where) {
  int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) fail_with_stack("cannot read the shape of " + where);
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space, dims.data(), nullptr) < 0) {
    fail_with_stack("cannot read the shape of " + where);
  }
  return dims;
}

size_t point_count(hid_t space, const std::string& where) {
  hssize_t count = H5Sget_simple_extent_npoints(space);
  if (count < 0) fail_with_stack("cannot count the elements of " + where);
  return static_cast<size_t>(count);
}

H5T_class_t type_class(hid_t type, const std::string& where) {
  H5T_class_t cls = H5Tget_class(type);
  if (cls == H5T_NO_CLASS) fail_with_stack("cannot get the type class of " + where);
  return cls;
}

// Reads all strings of a string-typed dataset or attribute. `read` is called with a memory
// type and a buffer and performs H5Dread/H5Aread.
template <class ReadFn>
std::vector<std::string> read_string_values(hid_t stored_type, hid_t space, ReadFn read,
                                            const std::string& where) {
  if (type_class(stored_type, where) != H5T_STRING) {
    throw OutputError("cannot read " + where + " as strings: it does not hold strings");
  }
  const size_t count = point_count(space, where);
  std::vector<std::string> values;
  values.reserve(count);
  if (count == 0) return values;

  htri_t is_variable = H5Tis_variable_str(stored_type);
  if (is_variable < 0) fail_with_stack("cannot inspect the string type of " + where);
  if (is_variable > 0) {
    Handle memory_type = own(H5Tcopy(H5T_C_S1), H5Tclose, "cannot create string type for " + where);
    check(H5Tset_size(memory_type.get(), H5T_VARIABLE), "cannot size string type for " + where);
    H5T_cset_t cset = H5Tget_cset(stored_type);
    if (cset < 0) fail_with_stack("cannot get the character set of " + where);
    check(H5Tset_cset(memory_type.get(), cset), "cannot set character set for " + where);
    std::vector<char*> pointers(count, nullptr);
    check(read(memory_type.get(), pointers.data()), "cannot read strings from " + where);
    // HDF5 allocated the strings; give them back even if copying throws.
    struct Reclaim {
      hid_t type, space;
      std::vector<char*>* buffer;
      ~Reclaim() { H5Dvlen_reclaim(type, space, H5P_DEFAULT, buffer->data()); }
    } reclaim{memory_type.get(), space, &pointers};
    for (const char* p : pointers) values.emplace_back(p != nullptr ? p : "");
    return values;
  }

  const size_t width = H5Tget_size(stored_type);
  if (width == 0) fail_with_stack("cannot get the string size of " + where);
  Handle memory_type = own(H5Tcopy(stored_type), H5Tclose, "cannot copy string type of " + where);
  H5T_str_t padding = H5Tget_strpad(stored_type);
  std::vector<char> buffer(width * count);
  check(read(memory_type.get(), buffer.data()), "cannot read strings from " + where);
  for (size_t i = 0; i < count; ++i) {
    std::string value(buffer.data() + i * width, width);
    value.resize(std::min(value.size(), value.find('\0')));
    if (padding == H5T_STR_SPACEPAD) value.erase(value.find_last_not_of(' ') + 1);
    values.push_back(std::move(value));
  }
  return values;
}

// Reads integer or float data (or the codes of an enum) converted to T.
template <NumericElement T, class ReadFn>
std::vector<T> read_numeric_values(hid_t stored_type, hid_t space, ReadFn read,
                                   const std::string& where) {
  const size_t count = point_count(space, where);
  const H5T_class_t cls = type_class(stored_type, where);
  std::vector<T> values(count);
  if (cls == H5T_INTEGER || cls == H5T_FLOAT) {
    if (count > 0) check(read(native_type<T>(), values.data()), "cannot read " + where);
    return values;
  }
  if (cls != H5T_ENUM) {
    throw OutputError("cannot read " + where +
                      " as numbers: its type is neither integer, float nor enum");
  }
  // HDF5 converts enums only to enums: read the raw codes, then convert them in place from
  // the enum's integer base type to T.
  Handle memory_type = own(H5Tget_native_type(stored_type, H5T_DIR_ASCEND), H5Tclose,
                           "cannot get the memory type of " + where);
  Handle base_type =
      own(H5Tget_super(memory_type.get()), H5Tclose, "cannot get the base type of " + where);
  const size_t code_size = H5Tget_size(memory_type.get());
  std::vector<unsigned char> buffer(std::max(code_size, sizeof(T)) * std::max<size_t>(count, 1));
  if (count == 0) return values;
  check(read(memory_type.get(), buffer.data()), "cannot read " + where);
  check(H5Tconvert(base_type.get(), native_type<T>(), count, buffer.data(), nullptr, H5P_DEFAULT),
        "cannot convert the enum codes of " + where);
  std::memcpy(values.data(), buffer.data(), count * sizeof(T));
  return values;
}

struct HdfFree {
  void operator()(char* p) const { H5free_memory(p); }
};

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Handle

void Handle::reset() noexcept {
  if (id_ >= 0 && closer_ != nullptr) closer_(id_);
  id_ = H5I_INVALID_HID;
}

herr_t Handle::close() noexcept {
  herr_t status = 0;
  if (id_ >= 0 && closer_ != nullptr) status = closer_(id_);
  id_ = H5I_INVALID_HID;
  return status;
}

// ---------------------------------------------------------------------------------------------
// Group

Group::Group(Handle group, std::string file_path, std::string path)
    : group_(std::move(group)), file_path_(std::move(file_path)), path_(std::move(path)) {}

std::string Group::child_path(const std::string& name) const {
  if (name.empty()) return path_;
  if (name.front() == '/') return name;
  return path_ == "/" ? "/" + name : path_ + "/" + name;
}

std::string Group::describe(const std::string& name) const {
  return "'" + file_path_ + ":" + child_path(name) + "'";
}

Group Group::create_group(const std::string& name) {
  silence_hdf5_printing();
  const std::string where = describe(name);
  const std::vector<std::string> parts = split_path(name);
  if (parts.empty()) throw OutputError("cannot create group " + where + ": empty name");
  Handle gcpl = make_group_creation_plist(where);

  // Walk down, creating missing parents; the last component must not exist yet.
  Handle current;
  hid_t location = group_.get();
  if (name.front() == '/') {
    current =
        own(H5Gopen2(group_.get(), "/", H5P_DEFAULT), H5Gclose, "cannot open root of " + where);
    location = current.get();
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    const char* part = parts[i].c_str();
    const bool last = i + 1 == parts.size();
    htri_t present = last ? 0 : H5Lexists(location, part, H5P_DEFAULT);
    if (present < 0)
      fail_with_stack("cannot look up '" + parts[i] + "' while creating group " + where);
    Handle next =
        present > 0
            ? own(H5Gopen2(location, part, H5P_DEFAULT), H5Gclose,
                  "cannot open parent '" + parts[i] + "' of group " + where)
            : own(H5Gcreate2(location, part, H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), H5Gclose,
                  "cannot create group " + (last ? where : "'" + parts[i] + "' for " + where));
    current = std::move(next);
    location = current.get();
  }
  return Group(std::move(current), file_path_, child_path(name));
}

Group Group::open_group(const std::string& name) const {
  silence_hdf5_printing();
  Handle group = own(H5Gopen2(group_.get(), name.c_str(), H5P_DEFAULT), H5Gclose,
                     "cannot open group " + describe(name));
  return Group(std::move(group), file_path_, child_path(name));
}

bool Group::exists(const std::string& path) const {
  silence_hdf5_printing();
  const std::vector<std::string> parts = split_path(path);
  if (parts.empty()) return !path.empty();  // "/" is the root, "" is nothing
  std::string prefix = path.front() == '/' ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) prefix += "/";
    prefix += parts[i];
    // H5Lexists fails (rather than saying false) when a parent is missing or not a group, so
    // each prefix is checked in turn.
    htri_t present = H5Lexists(group_.get(), prefix.c_str(), H5P_DEFAULT);
    if (present < 0) fail_with_stack("cannot check whether " + describe(prefix) + " exists");
    if (present == 0) return false;
    if (i + 1 == parts.size()) return true;
    htri_t resolves = H5Oexists_by_name(group_.get(), prefix.c_str(), H5P_DEFAULT);
    if (resolves < 0) fail_with_stack("cannot check whether " + describe(prefix) + " exists");
    if (resolves == 0) return false;  // dangling soft link
    H5O_info_t info;
    if (H5Oget_info_by_name2(group_.get(), prefix.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) <
        0) {
      fail_with_stack("cannot inspect " + describe(prefix));
    }
    if (info.type != H5O_TYPE_GROUP) return false;
  }
  return true;
}

std::vector<std::string> Group::list() const {
  silence_hdf5_printing();
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5L_info_t*, void* data) noexcept -> herr_t {
    try {
      static_cast<std::vector<std::string>*>(data)->emplace_back(name);
      return 0;
    } catch (...) {
      return -1;
    }
  };
  check(H5Literate(group_.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names),
        "cannot list group " + describe(""));
  std::sort(names.begin(), names.end());
  return names;
}

template <NumericElement T>
void Group::write(const std::string& name, std::span<const T> data, std::vector<hsize_t> dims,
                  const DatasetOptions& options) {
  silence_hdf5_printing();
  const std::string where = "dataset " + describe(name);
  check_element_count(dims, data.size(), where);
  Handle space = make_dataspace(dims, where);
  Handle dcpl = make_dataset_creation_plist(dims, sizeof(T), options, where);
  Handle dataset = own(H5Dcreate2(group_.get(), name.c_str(), storage_type<T>(), space.get(),
                                  H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                       H5Dclose, "cannot create " + where);
  if (!data.empty()) {
    check(H5Dwrite(dataset.get(), native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()),
          "cannot write " + where);
  }
}

void Group::write_strings(const std::string& name, const std::vector<std::string>& values) {
  silence_hdf5_printing();
  const std::string where = "dataset " + describe(name);
  std::vector<const char*> pointers = c_strings(values, where);
  Handle type = make_utf8_string_type(where);
  Handle space = make_dataspace({values.size()}, where);
  Handle dcpl = make_dataset_creation_plist({values.size()}, 0, {}, where);
  Handle dataset = own(H5Dcreate2(group_.get(), name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                  dcpl.get(), H5P_DEFAULT),
                       H5Dclose, "cannot create " + where);
  if (!values.empty()) {
    check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
          "cannot write " + where);
  }
}

void Group::write_enum(const std::string& name, std::span<const uint8_t> codes,
                       const std::vector<std::string>& labels, std::vector<hsize_t> dims) {
  silence_hdf5_printing();
  const std::string where = "enum dataset " + describe(name);
  check_element_count(dims, codes.size(), where);
  if (labels.empty() || labels.size() > 256) {
    throw OutputError("cannot write " + where + ": " + std::to_string(labels.size()) +
                      " labels given, 1..256 allowed");
  }
  std::set<std::string> seen;
  for (const auto& label : labels) {
    check_no_nul(label, where);
    if (label.empty()) throw OutputError("cannot write " + where + ": empty label");
    if (!seen.insert(label).second) {
      throw OutputError("cannot write " + where + ": label '" + label + "' appears twice");
    }
  }
  for (size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] >= labels.size()) {
      throw OutputError("cannot write " + where + ": code " + std::to_string(codes[i]) +
                        " at index " + std::to_string(i) + " has no label (" +
                        std::to_string(labels.size()) + " labels)");
    }
  }

  Handle type =
      own(H5Tenum_create(H5T_NATIVE_UINT8), H5Tclose, "cannot create enum type for " + where);
  for (size_t i = 0; i < labels.size(); ++i) {
    const auto code = static_cast<uint8_t>(i);
    check(H5Tenum_insert(type.get(), labels[i].c_str(), &code),
          "cannot add label '" + labels[i] + "' to the enum type of " + where);
  }
  // netCDF-C skips datasets of anonymous enum types, and datasets whose named type it has not
  // met yet in creation order: the type is committed as "<name>_enum" before the dataset.
  const std::string type_name = name + "_enum";
  for (const std::string& taken : {name, type_name}) {
    if (exists(taken)) {
      throw OutputError("cannot write " + where + ": " + describe(taken) + " already exists");
    }
  }
  Handle tcpl =
      own(H5Pcreate(H5P_DATATYPE_CREATE), H5Pclose, "cannot create property list for " + where);
  check(H5Pset_obj_track_times(tcpl.get(), false), "cannot disable time tracking for " + where);
  check(
      H5Tcommit2(group_.get(), type_name.c_str(), type.get(), H5P_DEFAULT, tcpl.get(), H5P_DEFAULT),
      "cannot commit the enum type of " + where + " as " + describe(type_name));
  // Unlinks the type again if the dataset cannot be written (runs after the error was taken).
  struct RemoveTypeOnFailure {
    hid_t group;
    const std::string& type_name;
    bool keep = false;
    ~RemoveTypeOnFailure() {
      if (!keep) H5Ldelete(group, type_name.c_str(), H5P_DEFAULT);
    }
  } remove_type{group_.get(), type_name};

  Handle space = make_dataspace(dims, where);
  Handle dcpl = make_dataset_creation_plist(dims, 1, {}, where);
  Handle dataset = own(H5Dcreate2(group_.get(), name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                  dcpl.get(), H5P_DEFAULT),
                       H5Dclose, "cannot create " + where);
  remove_type.keep = true;  // the dataset exists and uses the type now
  if (!codes.empty()) {
    check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, codes.data()),
          "cannot write " + where);
  }
}

Handle Group::open_dataset(const std::string& name) const {
  return own(H5Dopen2(group_.get(), name.c_str(), H5P_DEFAULT), H5Dclose,
             "cannot open dataset " + describe(name));
}

Handle Group::open_object(const std::string& object) const {
  const char* path = object.empty() ? "." : object.c_str();
  return own(H5Oopen(group_.get(), path, H5P_DEFAULT), H5Oclose,
             "cannot open object " + describe(object));
}

void Group::make_scale(const std::string& dataset, const std::string& dim_name) {
  silence_hdf5_printing();
  const std::string where = "dataset " + describe(dataset);
  Handle ds = open_dataset(dataset);
  Handle space = own(H5Dget_space(ds.get()), H5Sclose, "cannot get the dataspace of " + where);
  if (dataspace_dims(space.get(), where).size() != 1) {
    throw OutputError("cannot make " + where + " a dimension scale: it is not 1-D");
  }
  check(H5DSset_scale(ds.get(), dim_name.c_str()),
        "cannot make " + where + " dimension scale '" + dim_name + "'");
}

void Group::attach_scale(const std::string& dataset, unsigned dim,
                         const std::string& scale_dataset) {
  silence_hdf5_printing();
  const std::string where = "dataset " + describe(dataset);
  const std::string scale_where = "scale " + describe(scale_dataset);
  Handle ds = open_dataset(dataset);
  Handle scale = open_dataset(scale_dataset);
  htri_t is_scale = H5DSis_scale(scale.get());
  if (is_scale < 0) fail_with_stack("cannot inspect " + scale_where);
  if (is_scale == 0) {
    throw OutputError("cannot attach " + scale_where + " to " + where +
                      ": it is not a dimension scale (call make_scale first)");
  }
  Handle space = own(H5Dget_space(ds.get()), H5Sclose, "cannot get the dataspace of " + where);
  Handle scale_space =
      own(H5Dget_space(scale.get()), H5Sclose, "cannot get the dataspace of " + scale_where);
  const std::vector<hsize_t> dims = dataspace_dims(space.get(), where);
  const std::vector<hsize_t> scale_dims = dataspace_dims(scale_space.get(), scale_where);
  if (dim >= dims.size()) {
    throw OutputError("cannot attach " + scale_where + " to dimension " + std::to_string(dim) +
                      " of " + where + ": it has " + std::to_string(dims.size()) + " dimensions");
  }
  if (scale_dims.size() != 1 || scale_dims[0] != dims[dim]) {
    throw OutputError("cannot attach " + scale_where + " of shape " + format_dims(scale_dims) +
                      " to dimension " + std::to_string(dim) + " of " + where + " of shape " +
                      format_dims(dims) + ": lengths differ");
  }
  check(H5DSattach_scale(ds.get(), scale.get(), dim),
        "cannot attach " + scale_where + " to dimension " + std::to_string(dim) + " of " + where);
}

void Group::create_attribute(const std::string& object, const std::string& name, hid_t file_type,
                             hid_t space, hid_t mem_type, const void* buffer) {
  const std::string where = "attribute '" + name + "' of " + describe(object);
  Handle target = open_object(object);
  htri_t present = H5Aexists(target.get(), name.c_str());
  if (present < 0) fail_with_stack("cannot check for " + where);
  if (present > 0) check(H5Adelete(target.get(), name.c_str()), "cannot replace " + where);
  Handle attribute =
      own(H5Acreate2(target.get(), name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT),
          H5Aclose, "cannot create " + where);
  if (point_count(space, where) > 0) {
    check(H5Awrite(attribute.get(), mem_type, buffer), "cannot write " + where);
  }
}

void Group::set_attr(const std::string& object, const std::string& name, const std::string& value) {
  silence_hdf5_printing();
  const std::string where = "attribute '" + name + "' of " + describe(object);
  check_no_nul(value, where);
  Handle type = make_utf8_string_type(where);
  Handle space = make_dataspace({}, where);
  const char* pointer = value.c_str();
  create_attribute(object, name, type.get(), space.get(), type.get(), &pointer);
}

void Group::set_attr(const std::string& object, const std::string& name, double value) {
  silence_hdf5_printing();
  Handle space = make_dataspace({}, "attribute '" + name + "' of " + describe(object));
  create_attribute(object, name, H5T_IEEE_F64LE, space.get(), H5T_NATIVE_DOUBLE, &value);
}

void Group::set_attr(const std::string& object, const std::string& name, int64_t value) {
  silence_hdf5_printing();
  Handle space = make_dataspace({}, "attribute '" + name + "' of " + describe(object));
  create_attribute(object, name, H5T_STD_I64LE, space.get(), H5T_NATIVE_INT64, &value);
}

void Group::set_attr(const std::string& object, const std::string& name,
                     const std::vector<double>& values) {
  silence_hdf5_printing();
  Handle space = make_dataspace({values.size()}, "attribute '" + name + "' of " + describe(object));
  create_attribute(object, name, H5T_IEEE_F64LE, space.get(), H5T_NATIVE_DOUBLE, values.data());
}

void Group::set_attr(const std::string& object, const std::string& name,
                     const std::vector<std::string>& values) {
  silence_hdf5_printing();
  const std::string where = "attribute '" + name + "' of " + describe(object);
  std::vector<const char*> pointers = c_strings(values, where);
  Handle type = make_utf8_string_type(where);
  Handle space = make_dataspace({values.size()}, where);
  create_attribute(object, name, type.get(), space.get(), type.get(), pointers.data());
}

void Group::attr_out_of_range(const std::string& object, const std::string& name) const {
  throw OutputError("cannot write attribute '" + name + "' of " + describe(object) +
                    ": integer value does not fit in int64");
}

template <NumericElement T>
std::vector<T> Group::read(const std::string& name, std::vector<hsize_t>* dims) const {
  silence_hdf5_printing();
  const std::string where = "dataset " + describe(name);
  Handle ds = open_dataset(name);
  Handle type = own(H5Dget_type(ds.get()), H5Tclose, "cannot get the type of " + where);
  Handle space = own(H5Dget_space(ds.get()), H5Sclose, "cannot get the dataspace of " + where);
  std::vector<T> values = read_numeric_values<T>(
      type.get(), space.get(),
      [&](hid_t memory_type, void* buffer) {
        return H5Dread(ds.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
      },
      where);
  if (dims != nullptr) *dims = dataspace_dims(space.get(), where);
  return values;
}

std::vector<hsize_t> Group::shape(const std::string& name) const {
  silence_hdf5_printing();
  const std::string where = "dataset " + describe(name);
  Handle ds = open_dataset(name);
  Handle space = own(H5Dget_space(ds.get()), H5Sclose, "cannot get the dataspace of " + where);
  return dataspace_dims(space.get(), where);
}

std::vector<std::string> Group::read_strings(const std::string& name) const {
  silence_hdf5_printing();
  const std::string where = "dataset " + describe(name);
  Handle ds = open_dataset(name);
  Handle type = own(H5Dget_type(ds.get()), H5Tclose, "cannot get the type of " + where);
  Handle space = own(H5Dget_space(ds.get()), H5Sclose, "cannot get the dataspace of " + where);
  return read_string_values(
      type.get(), space.get(),
      [&](hid_t memory_type, void* buffer) {
        return H5Dread(ds.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
      },
      where);
}

std::vector<std::string> Group::enum_labels(const std::string& name) const {
  silence_hdf5_printing();
  const std::string where = "dataset " + describe(name);
  Handle ds = open_dataset(name);
  Handle type = own(H5Dget_type(ds.get()), H5Tclose, "cannot get the type of " + where);
  if (type_class(type.get(), where) != H5T_ENUM) {
    throw OutputError("cannot read the labels of " + where + ": it is not an enum");
  }
  Handle base_type =
      own(H5Tget_super(type.get()), H5Tclose, "cannot get the base type of " + where);
  const int count = H5Tget_nmembers(type.get());
  if (count < 0) fail_with_stack("cannot count the labels of " + where);
  std::vector<std::string> labels(static_cast<size_t>(count));
  std::vector<bool> filled(labels.size(), false);
  for (unsigned i = 0; i < static_cast<unsigned>(count); ++i) {
    std::unique_ptr<char, HdfFree> label(H5Tget_member_name(type.get(), i));
    if (!label) fail_with_stack("cannot read label " + std::to_string(i) + " of " + where);
    // The value is stored in the enum's base type; convert it to int64 to use as an index.
    unsigned char value[16] = {};
    check(H5Tget_member_value(type.get(), i, value), "cannot read enum value of " + where);
    check(H5Tconvert(base_type.get(), H5T_NATIVE_INT64, 1, value, nullptr, H5P_DEFAULT),
          "cannot convert enum value of " + where);
    int64_t code = 0;
    std::memcpy(&code, value, sizeof code);
    if (code < 0 || code >= count || filled[static_cast<size_t>(code)]) {
      throw OutputError("cannot read the labels of " + where + ": codes are not 0.." +
                        std::to_string(count - 1) + " (label '" + label.get() + "' has code " +
                        std::to_string(code) + ")");
    }
    labels[static_cast<size_t>(code)] = label.get();
    filled[static_cast<size_t>(code)] = true;
  }
  return labels;
}

Handle Group::open_attribute(const std::string& object, const std::string& name) const {
  Handle target = open_object(object);
  return own(H5Aopen(target.get(), name.c_str(), H5P_DEFAULT), H5Aclose,
             "cannot open attribute '" + name + "' of " + describe(object));
}

bool Group::has_attr(const std::string& object, const std::string& name) const {
  silence_hdf5_printing();
  Handle target = open_object(object);
  htri_t present = H5Aexists(target.get(), name.c_str());
  if (present < 0) {
    fail_with_stack("cannot check for attribute '" + name + "' of " + describe(object));
  }
  return present > 0;
}

std::vector<std::string> Group::read_attr_string_values(const std::string& object,
                                                        const std::string& name) const {
  silence_hdf5_printing();
  const std::string where = "attribute '" + name + "' of " + describe(object);
  Handle attribute = open_attribute(object, name);
  Handle type = own(H5Aget_type(attribute.get()), H5Tclose, "cannot get the type of " + where);
  Handle space =
      own(H5Aget_space(attribute.get()), H5Sclose, "cannot get the dataspace of " + where);
  return read_string_values(
      type.get(), space.get(),
      [&](hid_t memory_type, void* buffer) {
        return H5Aread(attribute.get(), memory_type, buffer);
      },
      where);
}

std::string Group::read_attr_string(const std::string& object, const std::string& name) const {
  std::vector<std::string> values = read_attr_string_values(object, name);
  if (values.size() != 1) {
    throw OutputError("cannot read attribute '" + name + "' of " + describe(object) +
                      " as one string: it holds " + std::to_string(values.size()));
  }
  return std::move(values.front());
}

std::vector<std::string> Group::read_attr_strings(const std::string& object,
                                                  const std::string& name) const {
  return read_attr_string_values(object, name);
}

template <NumericElement T>
std::vector<T> Group::read_attr_numeric(const std::string& object, const std::string& name) const {
  silence_hdf5_printing();
  const std::string where = "attribute '" + name + "' of " + describe(object);
  Handle attribute = open_attribute(object, name);
  Handle type = own(H5Aget_type(attribute.get()), H5Tclose, "cannot get the type of " + where);
  Handle space =
      own(H5Aget_space(attribute.get()), H5Sclose, "cannot get the dataspace of " + where);
  return read_numeric_values<T>(
      type.get(), space.get(),
      [&](hid_t memory_type, void* buffer) {
        return H5Aread(attribute.get(), memory_type, buffer);
      },
      where);
}

double Group::read_attr_double(const std::string& object, const std::string& name) const {
  std::vector<double> values = read_attr_numeric<double>(object, name);
  if (values.size() != 1) {
    throw OutputError("cannot read attribute '" + name + "' of " + describe(object) +
                      " as one number: it holds " + std::to_string(values.size()));
  }
  return values.front();
}

int64_t Group::read_attr_int64(const std::string& object, const std::string& name) const {
  std::vector<int64_t> values = read_attr_numeric<int64_t>(object, name);
  if (values.size() != 1) {
    throw OutputError("cannot read attribute '" + name + "' of " + describe(object) +
                      " as one number: it holds " + std::to_string(values.size()));
  }
  return values.front();
}

std::vector<double> Group::read_attr_doubles(const std::string& object,
                                             const std::string& name) const {
  return read_attr_numeric<double>(object, name);
}

#define HUBSIM_INSTANTIATE_NUMERIC(T)                                                         \
  template void Group::write<T>(const std::string&, std::span<const T>, std::vector<hsize_t>, \
                                const DatasetOptions&);                                       \
  template std::vector<T> Group::read<T>(const std::string&, std::vector<hsize_t>*) const;
HUBSIM_INSTANTIATE_NUMERIC(double)
HUBSIM_INSTANTIATE_NUMERIC(float)
HUBSIM_INSTANTIATE_NUMERIC(int8_t)
HUBSIM_INSTANTIATE_NUMERIC(uint8_t)
HUBSIM_INSTANTIATE_NUMERIC(int16_t)
HUBSIM_INSTANTIATE_NUMERIC(uint16_t)
HUBSIM_INSTANTIATE_NUMERIC(int32_t)
HUBSIM_INSTANTIATE_NUMERIC(uint32_t)
HUBSIM_INSTANTIATE_NUMERIC(int64_t)
HUBSIM_INSTANTIATE_NUMERIC(uint64_t)
#undef HUBSIM_INSTANTIATE_NUMERIC

// ---------------------------------------------------------------------------------------------
// File

File::File(Handle file, Handle root, std::string path)
    : Group(std::move(root), std::move(path), "/"), file_(std::move(file)) {}

File::~File() {
  // Root group first, then the file; failures are ignored (close() reports them).
  close_group();
  file_.reset();
}

namespace {

// The 1.8 object formats only: readable by every HDF5 >= 1.8 and so by h5py and netCDF-4.
Handle make_file_access_plist(const std::string& path) {
  Handle fapl = own(H5Pcreate(H5P_FILE_ACCESS), H5Pclose,
                    "cannot create file access list for '" + path + "'");
  check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18),
        "cannot set format version bounds for '" + path + "'");
  return fapl;
}

}  // namespace

File File::create(const std::string& path) {
  silence_hdf5_printing();
  const std::string where = "'" + path + "'";
  Handle fapl = make_file_access_plist(path);
  Handle fcpl =
      own(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "cannot create file creation list for " + where);
  check(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "cannot set link creation order for " + where);
  Handle file = own(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), H5Fclose,
                    "cannot create HDF5 file " + where);
  Handle root = own(H5Gopen2(file.get(), "/", H5P_DEFAULT), H5Gclose,
                    "cannot open the root group of " + where);
  return File(std::move(file), std::move(root), path);
}

File File::open(const std::string& path, unsigned flags) {
  silence_hdf5_printing();
  const std::string where = "'" + path + "'";
  Handle fapl = make_file_access_plist(path);
  const char* mode = flags == H5F_ACC_RDONLY ? " for reading" : " for reading and writing";
  Handle file = own(H5Fopen(path.c_str(), flags, fapl.get()), H5Fclose,
                    "cannot open HDF5 file " + where + mode);
  Handle root = own(H5Gopen2(file.get(), "/", H5P_DEFAULT), H5Gclose,
                    "cannot open the root group of " + where);
  return File(std::move(file), std::move(root), path);
}

File File::open_read(const std::string& path) {
  return open(path, H5F_ACC_RDONLY);
}

File File::open_rw(const std::string& path) {
  return open(path, H5F_ACC_RDWR);
}

void File::close() {
  if (!file_.valid()) return;
  silence_hdf5_printing();
  const std::string where = "'" + file_path() + "'";
  if (close_group() < 0) fail_with_stack("cannot close the root group of " + where);
  check(H5Fflush(file_.get(), H5F_SCOPE_LOCAL), "cannot flush HDF5 file " + where);
  check(file_.close(), "cannot close HDF5 file " + where);
}

}  // namespace hubsim::io
