#include "sweep/design.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <sstream>

#include "core/counter_rng.h"
#include "core/errors.h"
#include "sweep/sobol_sequence.h"
#include "sweep/sweep_schema.h"

namespace hubsim::sweep {

Role Design::role(size_t e) const {
  if (layout == DesignLayout::kPlain) return Role::kPoint;
  const size_t r = e % block_size();
  return r == 0 ? Role::kA : r == block_size() - 1 ? Role::kB : Role::kAB;
}

int64_t Design::block(size_t e) const {
  return layout == DesignLayout::kPlain ? -1 : int64_t(e / block_size());
}

int Design::column(size_t e) const {
  return role(e) == Role::kAB ? int(e % block_size()) - 1 : -1;
}

namespace {

// Value and unit position of parameter p at coordinate u in [0, 1).
std::pair<double, double> map_coordinate(const SweepParameter& p, double u) {
  if (p.has_levels()) {
    const size_t n = p.levels.size();
    const size_t i = std::min(n - 1, size_t(u * double(n)));
    return {p.levels[i], n > 1 ? double(i) / double(n - 1) : 0.0};
  }
  if (p.spacing == Spacing::kLog)
    return {std::exp(std::log(p.min) + u * (std::log(p.max) - std::log(p.min))), u};
  return {p.min + u * (p.max - p.min), u};
}

[[noreturn]] void too_many(const SweepSpec& spec, const std::string& what) {
  throw InputError(spec.file, "sweep", what,
                   "at most " + std::to_string(kMaxExperiments) + " experiments");
}

Design grid(const SweepSpec& spec, Design d) {
  const size_t k = d.k();
  std::vector<std::vector<std::pair<double, double>>> axes(k);
  double total = 1;
  for (size_t j = 0; j < k; ++j) {
    const SweepParameter& p = spec.parameters[j];
    const size_t n = p.has_levels() ? p.levels.size() : size_t(p.points);
    for (size_t i = 0; i < n; ++i) {
      const double unit = n > 1 ? double(i) / double(n - 1) : 0.0;
      if (p.has_levels()) {
        axes[j].emplace_back(p.levels[i], unit);
      } else {
        // The end points are exact (not min + 1.0 * (max - min) with rounding).
        const double v = i + 1 == n ? p.max : map_coordinate(p, unit).first;
        axes[j].emplace_back(v, unit);
      }
    }
    total *= double(n);
  }
  if (total > double(kMaxExperiments))
    too_many(spec, std::to_string(int64_t(total)) + " grid points");
  const size_t rows = size_t(total);
  d.values.resize(rows * k);
  d.unit.resize(rows * k);
  // Row-major: the last parameter varies fastest.
  for (size_t e = 0; e < rows; ++e) {
    size_t rest = e;
    for (size_t j = k; j-- > 0;) {
      const size_t i = rest % axes[j].size();
      rest /= axes[j].size();
      d.values[e * k + j] = axes[j][i].first;
      d.unit[e * k + j] = axes[j][i].second;
    }
  }
  return d;
}

void put_row(const SweepSpec& spec, Design& d, size_t e, const double* u) {
  for (size_t j = 0; j < d.k(); ++j) {
    const auto [v, unit] = map_coordinate(spec.parameters[j], u[j]);
    d.values[e * d.k() + j] = v;
    d.unit[e * d.k() + j] = unit;
  }
}

Design latin_hypercube(const SweepSpec& spec, Design d) {
  const size_t n = size_t(spec.samples), k = d.k();
  d.values.resize(n * k);
  d.unit.resize(n * k);
  std::vector<double> u(n * k);
  const StreamKey key = StreamKey::derive(spec.seed, 0);
  for (size_t j = 0; j < k; ++j) {
    // One stream per dimension: a random permutation of the n strata, then a uniform position
    // inside each stratum.
    Stream s(key, Purpose::kSweep, uint32_t(j), 0);
    std::vector<uint32_t> stratum(n);
    for (size_t i = 0; i < n; ++i) stratum[i] = uint32_t(i);
    for (size_t i = n; i > 1; --i) std::swap(stratum[i - 1], stratum[s.below(uint32_t(i))]);
    for (size_t i = 0; i < n; ++i) u[i * k + j] = (double(stratum[i]) + s.uniform()) / double(n);
  }
  for (size_t e = 0; e < n; ++e) put_row(spec, d, e, &u[e * k]);
  return d;
}

Design sobol(const SweepSpec& spec, Design d) {
  const size_t n = size_t(spec.samples), k = d.k();
  if (int(k) > kSobolMaxDimensions)
    throw InputError(spec.file, "parameters", std::to_string(k) + " parameters",
                     "at most " + std::to_string(kSobolMaxDimensions) +
                         " with sampler \"sobol\" (dimensions of the Sobol sequence)");
  d.values.resize(n * k);
  d.unit.resize(n * k);
  const SobolSequence seq{static_cast<int>(k)};
  std::vector<double> u(k);
  // Points 0..n-1, as SciPy's qmc.Sobol gives them: a power-of-2 prefix is balanced (a net).
  for (size_t e = 0; e < n; ++e) {
    seq.point(e, u);
    put_row(spec, d, e, u.data());
  }
  return d;
}

Design saltelli(const SweepSpec& spec, Design d) {
  const size_t n = size_t(spec.samples), k = d.k();
  if (int(2 * k) > kSobolMaxDimensions)
    throw InputError(spec.file, "parameters", std::to_string(k) + " parameters",
                     "at most " + std::to_string(kSobolMaxDimensions / 2) +
                         " with sampler \"saltelli\" (it uses 2k dimensions of the Sobol "
                         "sequence)");
  if (double(n) * double(k + 2) > double(kMaxExperiments))
    too_many(spec, std::to_string(n) + " x " + std::to_string(k + 2) + " experiments");
  d.layout = DesignLayout::kSaltelli;
  const size_t rows = n * (k + 2);
  d.values.resize(rows * k);
  d.unit.resize(rows * k);
  const SobolSequence seq{static_cast<int>(2 * k)};
  // The first points of the sequence repeat coordinates (point 1 is (1/2, ..., 1/2), so its A
  // and B rows coincide); like SALib, start at the smallest power of 2 >= N, which keeps the N
  // points balanced when N is a power of 2 (Owen 2020).
  const uint64_t skip = std::bit_ceil(uint64_t(n));
  std::vector<double> ab(2 * k), row(k);
  for (size_t b = 0; b < n; ++b) {
    seq.point(skip + b, ab);  // columns 0..k-1 form matrix A, k..2k-1 matrix B
    const double* a = ab.data();
    const double* bm = ab.data() + k;
    const size_t first = b * (k + 2);
    put_row(spec, d, first, a);
    for (size_t i = 0; i < k; ++i) {
      std::copy(a, a + k, row.begin());
      row[i] = bm[i];
      put_row(spec, d, first + 1 + i, row.data());
    }
    put_row(spec, d, first + k + 1, bm);
  }
  return d;
}

}  // namespace

Design make_design(const SweepSpec& spec) {
  Design d;
  for (const auto& p : spec.parameters) d.parameters.push_back(p.name);
  switch (spec.sampler) {
    case SamplerKind::kGrid: return grid(spec, std::move(d));
    case SamplerKind::kLatinHypercube: return latin_hypercube(spec, std::move(d));
    case SamplerKind::kSobol: return sobol(spec, std::move(d));
    case SamplerKind::kSaltelli: return saltelli(spec, std::move(d));
    case SamplerKind::kTable: break;
  }
  throw std::logic_error("make_design: a table design is made by design_from_table");
}

Design design_from_table(const DesignTable& t, DesignLayout layout) {
  Design d;
  d.parameters = t.columns;
  d.layout = layout;
  d.values = t.values;
  const size_t k = d.k(), rows = t.rows();
  d.unit.resize(d.values.size());
  for (size_t j = 0; j < k; ++j) {
    double lo = d.values[j], hi = d.values[j];
    for (size_t e = 0; e < rows; ++e) {
      lo = std::min(lo, d.values[e * k + j]);
      hi = std::max(hi, d.values[e * k + j]);
    }
    for (size_t e = 0; e < rows; ++e)
      d.unit[e * k + j] = hi > lo ? (d.values[e * k + j] - lo) / (hi - lo) : 0.0;
  }
  if (layout != DesignLayout::kSaltelli) return d;
  if (rows % (k + 2) != 0)
    throw InputError(
        t.file, "table_layout", "\"saltelli\" with " + std::to_string(rows) + " rows",
        "a multiple of k + 2 = " + std::to_string(k + 2) + " rows (blocks A, AB_1..AB_k, B)");
  for (size_t first = 0; first < rows; first += k + 2) {
    const double* a = &d.values[first * k];
    const double* b = &d.values[(first + k + 1) * k];
    for (size_t i = 0; i < k; ++i) {
      const double* ab = &d.values[(first + 1 + i) * k];
      for (size_t j = 0; j < k; ++j) {
        const double expected = j == i ? b[j] : a[j];
        if (ab[j] != expected) {
          std::ostringstream os;
          os << ab[j];
          throw InputError(t.file, d.parameters[j], os.str(),
                           "row AB_" + std::to_string(i + 1) +
                               " of a Saltelli block equals row "
                               "A except in column " +
                               std::to_string(i + 1) + ", taken from B",
                           t.lines[first + 1 + i]);
        }
      }
    }
  }
  return d;
}

}  // namespace hubsim::sweep
