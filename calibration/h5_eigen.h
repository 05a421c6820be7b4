#pragma once
// Eigen matrices and vectors in HDF5 datasets (row-major, float64; exact round trip).
#include <Eigen/Dense>

#include <string>

#include "io/hdf5_file.h"

namespace hubsim::calibration {

void write_matrix(io::Group& g, const std::string& name, const Eigen::MatrixXd& m);
void write_vector(io::Group& g, const std::string& name, const Eigen::VectorXd& v);
Eigen::MatrixXd read_matrix(const io::Group& g, const std::string& name);
Eigen::VectorXd read_vector(const io::Group& g, const std::string& name);

}  // namespace hubsim::calibration
