#include "h5_eigen.h"

#include "core/errors.h"

namespace hubsim::calibration {

void write_matrix(io::Group& g, const std::string& name, const Eigen::MatrixXd& m) {
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rm = m;
  std::vector<double> data(rm.data(), rm.data() + rm.size());
  g.write<double>(name, data, {hsize_t(m.rows()), hsize_t(m.cols())});
}

void write_vector(io::Group& g, const std::string& name, const Eigen::VectorXd& v) {
  std::vector<double> data(v.data(), v.data() + v.size());
  g.write<double>(name, data, {hsize_t(v.size())});
}

Eigen::MatrixXd read_matrix(const io::Group& g, const std::string& name) {
  std::vector<hsize_t> dims;
  const std::vector<double> data = g.read<double>(name, &dims);
  if (dims.size() != 2)
    throw InputError(g.file_path(), g.path() + "/" + name,
                     std::to_string(dims.size()) + " dimensions", "a two-dimensional dataset");
  Eigen::MatrixXd m(static_cast<Eigen::Index>(dims[0]), static_cast<Eigen::Index>(dims[1]));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) m(i, j) = data[size_t(i * m.cols() + j)];
  return m;
}

Eigen::VectorXd read_vector(const io::Group& g, const std::string& name) {
  const std::vector<double> data = g.read<double>(name);
  Eigen::VectorXd v(Eigen::Index(data.size()));
  for (size_t i = 0; i < data.size(); ++i) v[Eigen::Index(i)] = data[i];
  return v;
}

}  // namespace hubsim::calibration
