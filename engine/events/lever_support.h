#pragma once
// Helpers shared by the policy levers: checking the publishers, regions and publisher types a
// lever names, and changing the release processes of named families and of generated
// publisher groups (type x region, present and future members).
#include <optional>
#include <string>
#include <vector>

#include "mechanisms/context.h"
#include "world/world.h"

namespace hubsim {

class TableReader;

namespace lever {

// "a, b, c" for messages.
std::string join(const std::vector<std::string>& names);

// What is allowed instead of `name` ("a region: US, CN, ..."), or nullopt when it is known.
std::optional<std::string> region_problem(const Scenario& scenario, const std::string& name);
std::optional<std::string> named_publisher_problem(const Scenario& scenario,
                                                   const std::string& name);

// Reads a list of publisher type names (field `field`); `fallback` when the key is absent.
// Fails for unknown types and, unless allowed, for "independent".
std::vector<std::string> read_types(TableReader& r, const std::string& field,
                                    const std::vector<std::string>& fallback,
                                    bool allow_independent);

// Reads the optional field `until` (the last day a lever applies); fails when it comes before
// the lever's `date`.
std::optional<Date> read_until(TableReader& r, Date date);

// Index of the group (type, region) in PolicyState's [type * R + region] vectors.
size_t group_index(const World& world, int type, int region);
// Sizes a policy vector that no lever has touched yet to n entries of `neutral`.
void ensure_size(std::vector<double>& v, size_t n, double neutral);

// Sets a named family's release rate; a faster cadence starts now (the next release comes
// within half a new interval).
void set_family_rate(NamedFamilyState& family, double releases_per_year, const Context& ctx);
// The same with the rate multiplied by k.
void scale_family_rate(NamedFamilyState& family, double k, const Context& ctx);

// Multiplies the release and upload rates of the generated publishers of (type, region): the
// members present now and, through the group multiplier, those entering later.
void scale_group_rate(World& world, const Context& ctx, int type, int region, double k);

// Calls fn(publisher id) for every generated (not named) publisher of (type, region).
template <class Fn>
void for_each_group_member(const World& world, int type, int region, Fn&& fn) {
  const PublisherTable& pubs = world.publishers;
  for (size_t i = 0; i < pubs.size(); ++i)
    if (!pubs.is_named(i) && pubs.type[i] == type && pubs.region[i] == region) fn(i);
}

}  // namespace lever
}  // namespace hubsim
