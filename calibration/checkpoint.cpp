#include "checkpoint.h"

#include "core/errors.h"
#include "h5_eigen.h"
#include "io/atomic_output.h"
#include "io/hdf5_file.h"

namespace hubsim::calibration {

namespace {

constexpr int64_t kFormatVersion = 3;  // 2: ABC-SMC with MCMC moves; 3: uncapped screening

Eigen::MatrixXd search_history_matrix(const std::vector<SearchGeneration>& h) {
  Eigen::MatrixXd m(Eigen::Index(h.size()), 5);
  for (size_t i = 0; i < h.size(); ++i)
    m.row(Eigen::Index(i)) << h[i].generation, h[i].best, h[i].at_mean, h[i].spread,
        double(h[i].runs_done);
  return m;
}

std::vector<SearchGeneration> search_history_of(const Eigen::MatrixXd& m) {
  std::vector<SearchGeneration> h;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    h.push_back({int(m(i, 0)), m(i, 1), m(i, 2), m(i, 3), long(m(i, 4))});
  return h;
}

Eigen::MatrixXd posterior_history_matrix(const std::vector<PosteriorGeneration>& h) {
  Eigen::MatrixXd m(Eigen::Index(h.size()), 8);
  for (size_t i = 0; i < h.size(); ++i)
    m.row(Eigen::Index(i)) << h[i].generation, h[i].epsilon, double(h[i].candidates),
        double(h[i].accepted), h[i].ess, h[i].median_distance, double(h[i].runs_done),
        double(h[i].distinct);
  return m;
}

std::vector<PosteriorGeneration> posterior_history_of(const Eigen::MatrixXd& m) {
  std::vector<PosteriorGeneration> h;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    h.push_back({int(m(i, 0)), m(i, 1), long(m(i, 2)), long(m(i, 3)), m(i, 4), m(i, 5),
                 long(m(i, 6)), int(m(i, 7))});
  return h;
}

}  // namespace

void write_checkpoint(const std::string& path, const CalibrationState& s) {
  io::AtomicOutput out(path);
  {
    io::File f = io::File::create(out.temp_path());
    f.set_attr("", "kind", "hubsim calibration checkpoint");
    f.set_attr("", "format_version", kFormatVersion);
    f.set_attr("", "fingerprint", s.fingerprint);
    f.set_attr("", "stage", int64_t(s.stage));
    f.set_attr("", "budget_runs", int64_t(s.budget_runs));
    f.set_attr("", "seconds_per_run", s.seconds_per_run);
    f.set_attr("", "runs_done", int64_t(s.runs_done));
    write_matrix(f, "pilot", s.pilot);
    write_matrix(f, "weighting_pilot", s.weighting_pilot);

    io::Group scr = f.create_group("screening");
    scr.set_attr("", "trajectories_done", int64_t(s.screening_outputs.size()));
    for (size_t t = 0; t < s.screening_outputs.size(); ++t)
      write_matrix(scr, "trajectory_" + std::to_string(t), s.screening_outputs[t]);
    std::vector<int32_t> active(s.active.begin(), s.active.end());
    f.write<int32_t>("active", active, {hsize_t(active.size())});

    io::Group search = f.create_group("search");
    write_vector(search, "mean", s.cma.mean);
    write_matrix(search, "C", s.cma.C);
    write_vector(search, "pc", s.cma.pc);
    write_vector(search, "ps", s.cma.ps);
    search.set_attr("", "sigma", s.cma.sigma);
    search.set_attr("", "generation", int64_t(s.cma.generation));
    write_matrix(search, "history", search_history_matrix(s.search_history));
    write_vector(search, "best", s.search_best);
    search.set_attr("", "best_distance", s.search_best_distance);
    search.set_attr("", "stall", int64_t(s.search_stall));
    search.set_attr("", "stop", s.search_stop);

    write_matrix(f, "optimum_reps", s.optimum_reps);
    write_matrix(f, "weighting", s.weighting);
    write_matrix(f, "jacobian", s.jacobian);

    io::Group post = f.create_group("posterior");
    post.set_attr("", "generation", int64_t(s.abc_generation));
    write_matrix(post, "particles", s.population.particles);
    write_vector(post, "weights", s.population.weights);
    write_vector(post, "distances", s.population.distances);
    post.set_attr("", "epsilon", s.population.epsilon);
    write_matrix(post, "pending_particles", s.pending_particles);
    write_vector(post, "pending_distances", s.pending_distances);
    post.set_attr("", "pending_next_candidate", int64_t(s.pending_next_candidate));
    post.set_attr("", "pending_candidates", int64_t(s.pending_candidates));
    post.set_attr("", "pending_accepted", int64_t(s.pending_accepted));
    write_matrix(post, "history", posterior_history_matrix(s.posterior_history));
    post.set_attr("", "stop", s.posterior_stop);
    f.close();
  }
  out.commit();
}

CalibrationState read_checkpoint(const std::string& path) {
  io::File f = io::File::open_read(path);
  if (!f.has_attr("", "kind") ||
      f.read_attr_string("", "kind") != "hubsim calibration checkpoint" ||
      f.read_attr_int64("", "format_version") != kFormatVersion)
    throw InputError(
        path, "", "",
        "not a hubsim calibration checkpoint of format " + std::to_string(kFormatVersion));
  CalibrationState s;
  s.fingerprint = f.read_attr_string("", "fingerprint");
  s.stage = Stage(f.read_attr_int64("", "stage"));
  s.budget_runs = long(f.read_attr_int64("", "budget_runs"));
  s.seconds_per_run = f.read_attr_double("", "seconds_per_run");
  s.runs_done = long(f.read_attr_int64("", "runs_done"));
  s.pilot = read_matrix(f, "pilot");
  s.weighting_pilot = read_matrix(f, "weighting_pilot");

  const io::Group scr = f.open_group("screening");
  const int64_t done = scr.read_attr_int64("", "trajectories_done");
  for (int64_t t = 0; t < done; ++t)
    s.screening_outputs.push_back(read_matrix(scr, "trajectory_" + std::to_string(t)));
  for (int32_t a : f.read<int32_t>("active")) s.active.push_back(a);

  const io::Group search = f.open_group("search");
  s.cma.mean = read_vector(search, "mean");
  s.cma.C = read_matrix(search, "C");
  s.cma.pc = read_vector(search, "pc");
  s.cma.ps = read_vector(search, "ps");
  s.cma.sigma = search.read_attr_double("", "sigma");
  s.cma.generation = int(search.read_attr_int64("", "generation"));
  s.search_history = search_history_of(read_matrix(search, "history"));
  s.search_best = read_vector(search, "best");
  s.search_best_distance = search.read_attr_double("", "best_distance");
  s.search_stall = int(search.read_attr_int64("", "stall"));
  s.search_stop = search.read_attr_string("", "stop");

  s.optimum_reps = read_matrix(f, "optimum_reps");
  s.weighting = read_matrix(f, "weighting");
  s.jacobian = read_matrix(f, "jacobian");

  const io::Group post = f.open_group("posterior");
  s.abc_generation = int(post.read_attr_int64("", "generation"));
  s.population.particles = read_matrix(post, "particles");
  s.population.weights = read_vector(post, "weights");
  s.population.distances = read_vector(post, "distances");
  s.population.epsilon = post.read_attr_double("", "epsilon");
  s.pending_particles = read_matrix(post, "pending_particles");
  s.pending_distances = read_vector(post, "pending_distances");
  s.pending_next_candidate = long(post.read_attr_int64("", "pending_next_candidate"));
  s.pending_candidates = long(post.read_attr_int64("", "pending_candidates"));
  s.pending_accepted = long(post.read_attr_int64("", "pending_accepted"));
  s.posterior_history = posterior_history_of(read_matrix(post, "history"));
  s.posterior_stop = post.read_attr_string("", "stop");
  return s;
}

}  // namespace hubsim::calibration
