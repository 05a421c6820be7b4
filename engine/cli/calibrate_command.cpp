// `hubsim calibrate TARGETS --scenario S --out POSTERIOR.toml`: screening, MSM search and
// ABC-SMC against the targets; writes the posterior (TOML) and a report (printed and HDF5).
// With --truth, a parameter-recovery run: the targets are made by the engine at known values.
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

#include "calibration/calibrate.h"
#include "calibration/evaluator.h"
#include "calibration/free_parameters.h"
#include "calibration/posterior_file.h"
#include "calibration/recovery.h"
#include "calibration/report.h"
#include "calibration/targets.h"
#include "commands.h"
#include "core/errors.h"
#include "hubsim/version.h"
#include "io/atomic_output.h"
#include "io/run_writer.h"
#include "output_path.h"
#include "progress.h"
#include "scenario/scenario_loader.h"

namespace hubsim::cli {

namespace {

struct CalibrateArgs {
  std::string targets;
  std::string scenario;
  std::string free_parameters;
  std::string out;
  std::string report;
  std::string checkpoint;
  std::string truth;
  bool resume = false;
  bool keep_checkpoint = false;
  bool quiet = false;
  std::optional<int64_t> seed;
  std::optional<int> threads;
  int truth_replications = 16;
  calibration::CalibrationOptions options;
};

std::string sibling(const std::string& file, const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(file).parent_path();
  return (dir / name).string();
}

std::string default_report_path(const std::string& out) {
  const std::string suffix = "-posterior.toml";
  if (out.size() > suffix.size() &&
      out.compare(out.size() - suffix.size(), suffix.size(), suffix) == 0)
    return out.substr(0, out.size() - suffix.size()) + "-calibration.h5";
  const std::filesystem::path p(out);
  return (p.parent_path() / (p.stem().string() + "-calibration.h5")).string();
}

void require_in(const char* option, double v, double lo, double hi, const std::string& allowed) {
  if (!(v >= lo && v <= hi)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    throw InputError("command line", option, buf, allowed);
  }
}

void validate(const CalibrateArgs& a) {
  const auto& o = a.options;
  require_in("--scale", o.scale, 1e-6, 4.0, "a number in (0, 4] (1 = full scale)");
  require_in("--report-scale", o.report_scale, 0.0, 4.0, "a number in (0, 4] (0 = --scale)");
  require_in("--replications", o.replications, 1, 1000, "1 to 1000");
  require_in("--pilot-replications", o.pilot_replications, 2, 10000, "2 to 10000");
  require_in("--screening-trajectories", o.screening_trajectories, 2, 1000, "2 to 1000");
  require_in("--screening-replications", o.screening_replications, 1, 1000, "1 to 1000");
  require_in("--inert-threshold", o.inert_threshold, 0.0, 1e6, "a number >= 0 (half-ranges)");
  require_in("--search-sigma", o.initial_sigma, 1e-3, 1.0,
             "a step in [0.001, 1] (unit coordinates)");
  require_in("--search-patience", o.search_patience, 1, 100000, "1 to 100000 generations");
  require_in("--proposal-sd", o.proposal_sd, 1e-3, 1.0, "an sd in [0.001, 1] (unit coordinates)");
  require_in("--particles", o.particles, 4, 100000, "4 to 100000");
  require_in("--batch", o.batch, 1, 100000, "1 to 100000");
  require_in("--max-posterior-generations", o.max_posterior_generations, 1, 1000, "1 to 1000");
  require_in("--max-search-generations", o.max_search_generations, 1, 100000, "1 to 100000");
  require_in("--min-acceptance", o.min_acceptance, 1e-4, 1.0, "a share in [0.0001, 1]");
  require_in("--mcmc-sweeps", o.mcmc_sweeps, 1, 1000, "1 to 1000");
  require_in("--max-mcmc-sweeps", o.max_mcmc_sweeps, o.mcmc_sweeps, 1000,
             std::to_string(o.mcmc_sweeps) + " (--mcmc-sweeps) to 1000");
  require_in("--target-tolerance", o.target_tolerance, 0.0, 1e6, "a distance >= 0");
  require_in("--deviation-cap", o.deviation_cap, 0.0, 1e6,
             "a number of half-ranges >= 0 (0 = no cap)");
  require_in("--report-replications", o.report_replications, 1, 10000, "1 to 10000");
  require_in("--predictive-draws", o.predictive_draws, 1, 100000, "1 to 100000");
  require_in("--budget-minutes", o.budget_minutes, 0.1, 1e6, "a number of minutes > 0");
  require_in("--budget-runs", double(o.budget_runs), 0, 1e12,
             "a number of simulation runs >= 1 (0 = use --budget-minutes)");
  require_in("--truth-replications", a.truth_replications, 2, 10000, "2 to 10000");
  if (a.seed && *a.seed < 0)
    throw InputError("command line", "--seed", std::to_string(*a.seed), "a seed >= 0");
  if (a.threads && (*a.threads < 1 || *a.threads > 1024))
    throw InputError("command line", "--threads", std::to_string(*a.threads), "1 to 1024");
}

std::string method_text(const calibration::CalibrationOptions& o) {
  char cap[64] = "";
  if (o.deviation_cap > 0)
    std::snprintf(cap, sizeof cap, ", deviations capped at %g half-ranges", o.deviation_cap);
  char buf[640];
  std::snprintf(buf, sizeof buf,
                "abc-smc: Morris screening (%d trajectories), CMA-ES on the method-of-simulated-"
                "moments distance (two-step weighting%s), ABC-SMC (%d particles, resampling and "
                "%d to %d Metropolis-Hastings sweeps per generation in logit coordinates); scale "
                "%g, %d replications per candidate, common random numbers",
                o.screening_trajectories, cap, o.particles, o.mcmc_sweeps, o.max_mcmc_sweeps,
                o.scale, o.replications);
  return buf;
}

void write_text_file(const std::string& path, const std::string& text) {
  io::AtomicOutput out(path);
  {
    std::ofstream f(out.temp_path(), std::ios::binary);
    f << text;
    f.close();
    if (!f) throw OutputError("cannot write " + out.temp_path());
  }
  out.commit();
}

int calibrate(CalibrateArgs a) {
  validate(a);
  Scenario sc = load_scenario(a.scenario);
  if (a.seed) sc.info.seed = uint64_t(*a.seed);
  calibration::TargetSet targets = calibration::load_targets(a.targets);
  const std::string free_path =
      a.free_parameters.empty() ? sibling(a.targets, "free-parameters.toml") : a.free_parameters;
  const calibration::FreeParameterSet free = calibration::load_free_parameters(free_path);
  const std::string out =
      a.out.empty() ? sibling(a.targets,
                              std::filesystem::path(a.scenario).stem().string() + "-posterior.toml")
                    : a.out;
  const std::string report_path = a.report.empty() ? default_report_path(out) : a.report;
  for (const auto& [option, path] : {std::pair{"--out", out}, std::pair{"--report", report_path}})
    check_output_path(option, path, {a.targets, a.scenario, free_path, a.truth});
  auto& o = a.options;
  o.checkpoint = a.checkpoint.empty() ? out + ".checkpoint.h5" : a.checkpoint;
  o.resume = a.resume;
  const int threads = a.threads.value_or(tbb::info::default_concurrency());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, size_t(threads));

  auto log = [&](const std::string& line) {
    if (a.quiet) return;
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  };
  Progress progress("hubsim calibrate:", !a.quiet);
  calibration::CalibrationCallbacks cb;
  cb.on_log = [&](const std::string& line) {
    progress.finish();
    log(line);
  };
  std::atomic<bool> report_started{false};
  cb.on_progress = [&](const calibration::ProgressInfo& p) {
    // The report's runs are counted from zero against their own total (outside the budget).
    if (p.stage == calibration::Stage::kReport && !report_started.exchange(true))
      progress.restart_clock();
    const long total = p.budget_runs > 0 ? p.budget_runs : o.pilot_replications;
    char detail[160];
    if (p.stage == calibration::Stage::kSearch) {
      std::snprintf(detail, sizeof detail, "runs; search generation %d, best distance %.4g",
                    p.generation, p.best_distance);
    } else if (p.stage == calibration::Stage::kPosterior) {
      std::snprintf(detail, sizeof detail, "runs; posterior generation %d, tolerance %.4g",
                    p.generation, p.best_distance);
    } else {
      std::snprintf(detail, sizeof detail, "runs; %s", calibration::stage_name(p.stage));
    }
    progress.update(p.runs_done - p.runs_at_start, std::max(1L, total - p.runs_at_start), detail);
  };

  // Recovery: targets made by the engine at the truth.
  std::optional<Eigen::VectorXd> truth;
  std::string synthetic_path;
  if (!a.truth.empty()) {
    truth = calibration::load_truth(a.truth, free, sc.params);
    const calibration::MomentSet real = calibration::make_moment_set(targets);
    const calibration::Evaluator ev(sc, free, real.all_keys(), targets.file);
    log("recovery: " + std::to_string(a.truth_replications) + " replications at the truth (" +
        a.truth + ")");
    const Eigen::MatrixXd reps =
        ev.run({*truth}, calibration::kTruthFirstReplication, a.truth_replications, o.scale)[0];
    const std::string text = calibration::synthetic_targets_toml(
        targets, reps, real.all_keys(),
        "truth " + a.truth + ", " + std::to_string(a.truth_replications) +
            " replications at scale " + std::to_string(o.scale));
    synthetic_path =
        out.substr(0, out.size() - (out.size() > 5 && out.ends_with(".toml") ? 5 : 0)) +
        "-synthetic-targets.toml";
    write_text_file(synthetic_path, text);
    targets = calibration::load_targets_text(text, synthetic_path);
  }

  const calibration::CalibrationResult result =
      calibration::run_calibration(sc, targets, free, o, cb);
  progress.finish();

  calibration::PosteriorFile post;
  post.method = method_text(o);
  post.created_utc = io::utc_timestamp();
  post.hubsim_version = kVersion;
  for (int i : result.active) post.parameters.push_back(free.params[size_t(i)].name);
  post.values = result.posterior_values;
  post.weights = result.posterior_weights;
  post.point_sample = result.point_particle;
  char line[256];
  std::snprintf(line, sizeof line,
                "seed %llu, scale %g, %ld simulation runs (budget %ld), final tolerance %.4g",
                static_cast<unsigned long long>(sc.info.seed), o.scale, result.state.runs_done,
                result.state.budget_runs, result.state.population.epsilon);
  std::vector<std::string> header{line,
                                  "free parameters: " + free_path + "; report: " + report_path};
  if (truth) header.push_back("RECOVERY run against synthetic targets made at " + a.truth);
  write_posterior(out, post, a.scenario, truth ? synthetic_path : a.targets, header);

  const calibration::CalibrationReport rep = calibration::make_report(result, targets);
  std::vector<calibration::RecoveryRow> recovery;
  if (truth) recovery = calibration::recovery_rows(result, free, *truth);
  calibration::ReportMetadata meta;
  meta.command_line = command_line();
  meta.scenario_file = a.scenario;
  meta.scenario_resolved_toml = sc.resolved_text;
  meta.targets_file = targets.file;
  meta.targets_toml = targets.text;
  meta.free_parameters_file = free_path;
  meta.free_parameters_toml = free.text;
  meta.posterior_file = out;
  meta.seed = sc.info.seed;
  meta.scale = o.scale;
  meta.threads = threads;
  meta.method = post.method;
  write_report(report_path, result, rep, free, meta, truth ? &recovery : nullptr);
  if (!a.quiet) {
    print_report(stdout, result, rep, free, truth ? &recovery : nullptr);
    std::printf("\nposterior: %s\nreport: %s\n%.1f s\n", out.c_str(), report_path.c_str(),
                result.wall_seconds);
  }
  if (!a.keep_checkpoint) std::filesystem::remove(o.checkpoint);
  return 0;
}

}  // namespace

Command add_calibrate_command(CLI::App& app) {
  auto a = std::make_shared<CalibrateArgs>();
  auto& o = a->options;
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Calibrate free parameters against targets: screening, MSM search, ABC-SMC posterior");
  cmd->add_option("targets", a->targets, "Targets file (TOML), e.g. calibration/targets.toml")
      ->required();
  cmd->add_option("--scenario", a->scenario, "Scenario whose parameters are calibrated")
      ->required();
  cmd->add_option(
      "--free-parameters", a->free_parameters,
      "Free parameters, bounds and priors (default: free-parameters.toml beside the targets)");
  cmd->add_option("--out,-o", a->out,
                  "Posterior TOML (default: <scenario>-posterior.toml beside the targets)");
  cmd->add_option("--report", a->report,
                  "Report HDF5 (default: <out>-calibration.h5, '-posterior' dropped)");
  cmd->add_option("--checkpoint", a->checkpoint, "Checkpoint file (default: <out>.checkpoint.h5)");
  cmd->add_flag("--resume", a->resume, "Continue from the checkpoint (same inputs and options)");
  cmd->add_flag("--keep-checkpoint", a->keep_checkpoint, "Keep the checkpoint after success");
  cmd->add_option("--seed", a->seed, "Override the scenario's seed");
  cmd->add_option("--threads,-j", a->threads, "Worker threads (default: all cores)");
  cmd->add_option("--scale", o.scale, "Scale of the calibration runs")->capture_default_str();
  cmd->add_option("--report-scale", o.report_scale, "Scale of the report runs (default: --scale)");
  cmd->add_option("--budget-minutes", o.budget_minutes,
                  "Wall-clock budget, converted once into runs")
      ->capture_default_str();
  cmd->add_option("--budget-runs", o.budget_runs,
                  "Exact budget in simulation runs (overrides minutes)");
  cmd->add_option("--max-models", o.max_models,
                  "Stop a candidate's run past this many models (full scale) and score it as "
                  "missing every target (default: 10x the largest models_total target; -1: none)");
  cmd->add_option("--replications,-r", o.replications, "Replications per candidate")
      ->capture_default_str();
  cmd->add_option("--pilot-replications", o.pilot_replications,
                  "Replications for the weighting matrices")
      ->capture_default_str();
  cmd->add_option("--screening-trajectories", o.screening_trajectories, "Morris trajectories")
      ->capture_default_str();
  cmd->add_option("--screening-replications", o.screening_replications,
                  "Replications per screening point")
      ->capture_default_str();
  cmd->add_option(
         "--inert-threshold", o.inert_threshold,
         "Screening: effect (half-ranges over a parameter's range) below which it is inert")
      ->capture_default_str();
  cmd->add_flag("--keep-inert", o.keep_inert,
                "Calibrate every free parameter: the screening reports inert ones but fixes none");
  cmd->add_option("--max-search-generations", o.max_search_generations, "CMA-ES generation limit")
      ->capture_default_str();
  cmd->add_option("--search-sigma", o.initial_sigma,
                  "CMA-ES initial step size in unit coordinates (smaller for a start that is "
                  "already calibrated)")
      ->capture_default_str();
  cmd->add_option("--search-patience", o.search_patience,
                  "CMA-ES stops after this many generations without a 0.1% improvement")
      ->capture_default_str();
  cmd->add_option("--proposal-sd", o.proposal_sd,
                  "ABC-SMC generation 0: widest sd of the Gaussian at the optimum, unit "
                  "coordinates (1 = the prior's range)")
      ->capture_default_str();
  cmd->add_option("--particles", o.particles, "ABC-SMC population size")->capture_default_str();
  cmd->add_option("--batch", o.batch, "ABC-SMC candidates per batch (and checkpoint)")
      ->capture_default_str();
  cmd->add_option("--min-acceptance", o.min_acceptance,
                  "ABC-SMC stops below this acceptance rate (generation 0: of candidates; later: "
                  "of Metropolis-Hastings moves)")
      ->capture_default_str();
  cmd->add_option("--mcmc-sweeps", o.mcmc_sweeps,
                  "ABC-SMC: fewest Metropolis-Hastings moves per particle in a generation after "
                  "the first (and the number in generation 1)")
      ->capture_default_str();
  cmd->add_option("--max-mcmc-sweeps", o.max_mcmc_sweeps,
                  "ABC-SMC: most Metropolis-Hastings moves per particle in a generation (as many "
                  "as leave a particle unmoved with probability 0.2 at the last acceptance rate)")
      ->capture_default_str();
  cmd->add_option("--max-posterior-generations", o.max_posterior_generations,
                  "ABC-SMC generation limit")
      ->capture_default_str();
  cmd->add_option("--target-tolerance", o.target_tolerance,
                  "ABC-SMC stops at this distance (RMS of deviations in half-ranges)")
      ->capture_default_str();
  cmd->add_option("--deviation-cap", o.deviation_cap,
                  "Each fitted statistic's deviation counts at most this many half-ranges in the "
                  "distance (a robust distance; 0 = no cap)")
      ->capture_default_str();
  cmd->add_option("--report-replications", o.report_replications,
                  "Replications at the point estimate")
      ->capture_default_str();
  cmd->add_option("--predictive-draws", o.predictive_draws, "Posterior predictive draws")
      ->capture_default_str();
  cmd->add_option("--truth", a->truth,
                  "Recovery: calibrate against targets made at these values (TOML [truth])");
  cmd->add_option("--truth-replications", a->truth_replications,
                  "Recovery: replications at the truth")
      ->capture_default_str();
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing on success");
  return [a] { return calibrate(*a); };
}

}  // namespace hubsim::cli
