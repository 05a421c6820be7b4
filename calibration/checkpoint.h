#pragma once
// The calibration checkpoint: the CalibrationState in an HDF5 file (doubles stored exactly),
// replaced atomically (temporary file + rename) at every write, so a kill at any moment leaves
// either the previous checkpoint or the new one.
#include <string>

#include "calibration_state.h"

namespace hubsim::calibration {

void write_checkpoint(const std::string& path, const CalibrationState& state);
// Throws InputError when the file is not a calibration checkpoint of this format.
CalibrationState read_checkpoint(const std::string& path);

}  // namespace hubsim::calibration
