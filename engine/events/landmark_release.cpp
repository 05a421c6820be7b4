#include "events/landmark_release.h"

#include "events/lever_support.h"
#include "mechanisms/releases.h"
#include "scenario/table_reader.h"

namespace hubsim {

Schema LandmarkRelease::schema() {
  Schema s;
  s.title = "[[events]] type = \"landmark_release\"";
  s.description =
      "A named publisher releases a version of one of its families whose appeal "
      "is raised by a quality jump; a share of the jump persists in the family's "
      "later releases. The release renews a continuously updated family.";
  s.fields = common_event_fields();
  s.fields.push_back(string_field("publisher", true, "Name of the named publisher that releases."));
  s.fields.push_back(
      string_field("family", false, "Family id of that publisher; default: its first family."));
  s.fields.push_back(number_list_field("sizes_b", true, 0.001, 100000, "billion parameters",
                                       "Sizes released (one base model each)."));
  s.fields.push_back(number_field("quality_jump", 2.0, -5, 10, "log appeal",
                                  "Added to the log appeal of this release.", "S26, DS3"));
  s.fields.push_back(number_field("persistent_share", 0.5, 0, 1, "share",
                                  "Share of the jump kept by the family's later releases."));
  s.fields.push_back(number_field(
      "regional_spillover", 0.0, 0, 1, "share",
      "Share of the jump added to the log appeal of later releases of every other publisher "
      "(named and generated) of the same region: the attention a landmark draws to its region's "
      "models.",
      "S26 (China passed the US after DeepSeek-R1)"));
  s.fields.push_back(integer_field("official_quantized", -1, -1, 20, "models per size",
                                   "Own quantized variants per size; -1: as the family does."));
  return s;
}

std::unique_ptr<Event> LandmarkRelease::read(TableReader& r, std::string id, Date date,
                                             EventSource source) {
  auto e = std::make_unique<LandmarkRelease>(std::move(id), date, std::move(source));
  e->publisher = r.string("publisher");
  e->family = r.string("family");
  e->sizes_b = r.numbers("sizes_b");
  if (e->sizes_b.empty()) r.fail("sizes_b", "[]", "at least one size");
  e->quality_jump = r.number("quality_jump");
  e->persistent_share = r.number("persistent_share");
  e->regional_spillover = r.number("regional_spillover");
  e->official_quantized = int(r.integer("official_quantized"));
  return e;
}

namespace {
// Index of the named family of `publisher` with id `family` ("" = first), or -1.
int family_index(const NamedPublisherSpec& p, const std::string& family) {
  if (family.empty()) return p.families.empty() ? -1 : 0;
  for (size_t i = 0; i < p.families.size(); ++i)
    if (p.families[i].id == family) return int(i);
  return -1;
}
}  // namespace

void LandmarkRelease::check(const Scenario& scenario) const {
  const auto pub = scenario.named_publisher_index(publisher);
  if (!pub) {
    std::string names;
    for (const auto& n : scenario.named_publisher_names()) names += (names.empty() ? "" : ", ") + n;
    fail("publisher", "\"" + publisher + "\"", "the name of a named publisher: " + names);
  }
  const NamedPublisherSpec& spec = scenario.named_publishers[size_t(*pub)];
  if (family_index(spec, family) < 0) {
    std::string ids;
    for (const auto& f : spec.families) ids += (ids.empty() ? "" : ", ") + f.id;
    fail("family", "\"" + family + "\"",
         "a family of " + publisher + ": " + (ids.empty() ? "(none)" : ids));
  }
}

void LandmarkRelease::apply(World& world, const Context& ctx) const {
  const int pub = *ctx.scenario.named_publisher_index(publisher);
  const int fam_spec = family_index(ctx.scenario.named_publishers[size_t(pub)], family);
  for (NamedFamilyState& nf : world.named_families) {
    if (nf.named_publisher != pub || nf.family_spec != fam_spec) continue;
    const FamilySpec& spec = ctx.scenario.named_publishers[size_t(pub)].families[size_t(fam_spec)];
    Stream rng = ctx.stream(Purpose::kEvents, uint32_t(nf.family));
    BatchRequest req;
    req.publisher = nf.publisher;
    req.family = nf.family;
    for (double b : sizes_b) req.params.push_back(b * 1e9);
    req.quality_log = nf.quality_log + quality_jump +
                      version_gain(ctx.params, world.families.versions[size_t(nf.family)]);
    req.task = spec.task;
    req.license = float(spec.license_factor);
    req.official_quantized = official_quantized >= 0 ? official_quantized : spec.official_quantized;
    release_batch(world, ctx, req, rng);
    nf.quality_log += persistent_share * quality_jump;
    nf.released = true;
  }
  if (regional_spillover <= 0.0) return;
  const int region = ctx.scenario.named_publishers[size_t(pub)].region;
  const double spill = regional_spillover * quality_jump;
  for (NamedFamilyState& nf : world.named_families)
    if (nf.named_publisher != pub &&
        ctx.scenario.named_publishers[size_t(nf.named_publisher)].region == region)
      nf.quality_log += spill;
  lever::ensure_size(world.policy.group_quality_log,
                     size_t(kPublisherTypeCount) * size_t(world.layout.regions), 0.0);
  for (int type = 0; type < kPublisherTypeCount; ++type)
    world.policy.group_quality_log[lever::group_index(world, type, region)] += spill;
}

}  // namespace hubsim
