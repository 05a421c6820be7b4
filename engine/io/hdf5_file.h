#pragma once
// A small RAII layer over the HDF5 1.10 C API. Every HDF5 output of hubsim goes through it.
//
// - Every hid_t lives in a Handle that closes it, also when an exception unwinds.
// - Every failure throws hubsim::OutputError naming the operation, the file and the object
//   path, followed by the HDF5 error stack (automatic HDF5 error printing is switched off).
// - Files use the HDF5 1.8 object formats (readable by any HDF5 >= 1.8, h5py and netCDF-4),
//   variable-length strings are UTF-8, and link creation order is tracked as netCDF-4 does.
// - Not for concurrent use: use one File and its groups from one thread at a time.
#include <hdf5.h>

#include <concepts>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace hubsim::io {

// Owns one HDF5 identifier and closes it with the matching H5?close function.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);

  Handle() = default;
  Handle(hid_t id, Closer closer) noexcept : id_(id), closer_(closer) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  // Closes now, ignoring failure (for destructors and error paths).
  void reset() noexcept;
  // Closes now and returns the closer's status (negative on failure).
  herr_t close() noexcept;

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// The element types write/read accept.
template <class T>
concept NumericElement = std::same_as<T, double> || std::same_as<T, float> ||
    std::same_as<T, int8_t> || std::same_as<T, uint8_t> || std::same_as<T, int16_t> ||
    std::same_as<T, uint16_t> || std::same_as<T, int32_t> || std::same_as<T, uint32_t> ||
    std::same_as<T, int64_t> || std::same_as<T, uint64_t>;

// Integers other than int64_t (and bool), for the set_attr overload that widens them.
template <class T>
concept OtherInteger = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, int64_t>;

struct DatasetOptions {
  int deflate_level = 0;   // 0 = no compression, 1..9 = shuffle (optional) + deflate
  bool shuffle = true;     // byte shuffle before deflate (only with deflate_level > 0)
  hsize_t chunk_rows = 0;  // rows (first dimension) per chunk; 0 = automatic (~1 MiB) when
                           // compressing, contiguous otherwise
};

// A group (or the root of a file). Move-only; closing the last handle of a file's objects
// lets HDF5 release the file.
class Group {
 public:
  Group(Group&&) noexcept = default;
  Group& operator=(Group&&) noexcept = default;
  Group(const Group&) = delete;
  Group& operator=(const Group&) = delete;
  virtual ~Group() = default;

  // Creates a group; missing parents of a nested name "a/b" are created too. Throws if the
  // last component already exists.
  Group create_group(const std::string& name);
  Group open_group(const std::string& name) const;
  // Whether a link exists at a (possibly nested) path relative to this group; false when a
  // parent is missing or is not a group.
  bool exists(const std::string& path) const;
  // Names of the links in this group (groups, datasets, committed enum types), sorted.
  std::vector<std::string> list() const;

  // Numeric dataset in row-major order; the product of dims must equal data.size() (empty
  // dims = scalar). Zero-length datasets are stored contiguous, without filters.
  template <NumericElement T>
  void write(const std::string& name, std::span<const T> data, std::vector<hsize_t> dims,
             const DatasetOptions& options = {});
  template <NumericElement T>
  void write(const std::string& name, const std::vector<T>& data, std::vector<hsize_t> dims,
             const DatasetOptions& options = {}) {
    write<T>(name, std::span<const T>(data), std::move(dims), options);
  }
  // 1-D variable-length UTF-8 strings (no embedded NUL characters).
  void write_strings(const std::string& name, const std::vector<std::string>& values);
  // Categorical column: an HDF5 ENUM over uint8 with code i <-> labels[i]. Labels must be
  // unique and non-empty, at most 256 of them, and every code must be < labels.size(). The
  // enum type is committed as "<name>_enum" beside the dataset (netCDF-C ignores datasets of
  // unnamed enum types; h5py and h5netcdf ignore the extra link).
  void write_enum(const std::string& name, std::span<const uint8_t> codes,
                  const std::vector<std::string>& labels, std::vector<hsize_t> dims);

  // Dimension scales (H5DS). For xarray/netCDF readers, name a scale dataset like its dimension.
  void make_scale(const std::string& dataset, const std::string& dim_name);
  // Attaches scale_dataset (made a scale first) to dimension `dim` of `dataset`; their
  // lengths must agree.
  void attach_scale(const std::string& dataset, unsigned dim, const std::string& scale_dataset);

  // Attributes on this group (object == "") or on a child object (relative path). An existing
  // attribute of the same name is replaced.
  void set_attr(const std::string& object, const std::string& name, const std::string& value);
  void set_attr(const std::string& object, const std::string& name, const char* value) {
    set_attr(object, name, std::string(value));
  }
  void set_attr(const std::string& object, const std::string& name, double value);
  void set_attr(const std::string& object, const std::string& name, int64_t value);
  // Other integers (int, unsigned, ...) are stored as int64; throws if the value does not fit.
  template <OtherInteger I>
  void set_attr(const std::string& object, const std::string& name, I value) {
    if (!std::in_range<int64_t>(value)) attr_out_of_range(object, name);
    set_attr(object, name, static_cast<int64_t>(value));
  }
  void set_attr(const std::string& object, const std::string& name,
                const std::vector<double>& values);
  void set_attr(const std::string& object, const std::string& name,
                const std::vector<std::string>& values);

  // Reads a numeric (or enum) dataset converted to T; *dims receives its shape.
  template <NumericElement T>
  std::vector<T> read(const std::string& name, std::vector<hsize_t>* dims = nullptr) const;
  std::vector<hsize_t> shape(const std::string& name) const;
  // Strings of a 1-D (or any-rank, flattened) variable- or fixed-length string dataset.
  std::vector<std::string> read_strings(const std::string& name) const;
  // Labels of an enum dataset, ordered by code (the codes must be 0..n-1).
  std::vector<std::string> enum_labels(const std::string& name) const;
  bool has_attr(const std::string& object, const std::string& name) const;
  std::string read_attr_string(const std::string& object, const std::string& name) const;
  std::vector<std::string> read_attr_strings(const std::string& object,
                                             const std::string& name) const;
  // A scalar (or one-element) numeric attribute, converted.
  double read_attr_double(const std::string& object, const std::string& name) const;
  int64_t read_attr_int64(const std::string& object, const std::string& name) const;
  std::vector<double> read_attr_doubles(const std::string& object, const std::string& name) const;

  hid_t id() const { return group_.get(); }
  const std::string& file_path() const { return file_path_; }
  // Absolute path of this group inside the file ("/" for the root).
  const std::string& path() const { return path_; }

 protected:
  Group(Handle group, std::string file_path, std::string path);

  // "file.h5:/group/name" for messages.
  std::string describe(const std::string& name) const;
  // Lets File close its root group before closing the file.
  herr_t close_group() noexcept { return group_.close(); }

 private:
  [[noreturn]] void attr_out_of_range(const std::string& object, const std::string& name) const;
  std::string child_path(const std::string& name) const;
  Handle open_dataset(const std::string& name) const;
  Handle open_object(const std::string& object) const;
  void create_attribute(const std::string& object, const std::string& name, hid_t file_type,
                        hid_t space, hid_t mem_type, const void* buffer);
  Handle open_attribute(const std::string& object, const std::string& name) const;
  std::vector<std::string> read_attr_string_values(const std::string& object,
                                                   const std::string& name) const;
  template <NumericElement T>
  std::vector<T> read_attr_numeric(const std::string& object, const std::string& name) const;

  Handle group_;
  std::string file_path_;
  std::string path_;
};

class File : public Group {
 public:
  // Creates (truncating) a file for writing.
  static File create(const std::string& path);
  static File open_read(const std::string& path);
  // Opens an existing file for reading and writing (resume).
  static File open_rw(const std::string& path);

  File(File&&) noexcept = default;
  File& operator=(File&&) noexcept = default;
  // Closes silently; call close() to learn about failures.
  ~File() override;

  // Flushes and closes the file, throwing OutputError on failure. Groups opened from this file
  // that are still alive keep HDF5's file open (data is flushed already) until they are gone.
  void close();
  bool is_open() const { return file_.valid(); }
  hid_t file_id() const { return file_.get(); }

 private:
  File(Handle file, Handle root, std::string path);
  static File open(const std::string& path, unsigned flags);

  Handle file_;
};

}  // namespace hubsim::io
