#include "render/LabelOutline.h"

#include <cstdint>

namespace lumen::render {
namespace {

/// The slice as a 2D grid of labels, index (u, v) along the two volume axes other than the one
/// looked through; outside the slice counts as background.
class SliceLabels {
 public:
  SliceLabels(const core::Volume& labels, int axis, long index)
      : m_volume(labels), m_axis(axis), m_index(index) {
    m_u = axis == 0 ? 1 : 0;
    m_v = axis == 2 ? 1 : 2;
    m_width = static_cast<long>(labels.size()[m_u]);
    m_height = static_cast<long>(labels.size()[m_v]);
  }

  long width() const { return m_width; }
  long height() const { return m_height; }

  int at(long u, long v) const {
    if (u < 0 || v < 0 || u >= m_width || v >= m_height) return 0;
    std::size_t ijk[3];
    ijk[m_axis] = static_cast<std::size_t>(m_index);
    ijk[m_u] = static_cast<std::size_t>(u);
    ijk[m_v] = static_cast<std::size_t>(v);
    return static_cast<const std::uint8_t*>(
        m_volume.data())[m_volume.offset(ijk[0], ijk[1], ijk[2])];
  }

  /// LPS position of continuous slice coordinates (u, v).
  core::Vec3 world(double u, double v) const {
    core::Vec3 index{};
    index[m_axis] = static_cast<double>(m_index);
    index[m_u] = u;
    index[m_v] = v;
    return m_volume.indexToWorld(index);
  }

 private:
  const core::Volume& m_volume;
  int m_axis;
  long m_index;
  int m_u = 0;
  int m_v = 1;
  long m_width = 0;
  long m_height = 0;
};

/// Collects the edges along one grid line (u = const or v = const) into runs: each side of the
/// line has its own open run, extended while the same label continues on that side.
class RunCollector {
 public:
  /// `transposed`: the line has constant v (runs go along u) rather than constant u.
  RunCollector(const SliceLabels& slice, std::vector<LabelEdge>& edges, double line,
               bool transposed)
      : m_slice(slice), m_edges(edges), m_line(line), m_transposed(transposed) {}

  /// Step `position` along the line: `a` on one side, `b` on the other.
  void step(long position, int a, int b) {
    const bool boundary = a != b;
    extend(m_runs[0], boundary ? a : 0, position);
    extend(m_runs[1], boundary ? b : 0, position);
  }

  void finish() {
    close(m_runs[0]);
    close(m_runs[1]);
  }

 private:
  struct Run {
    int label = 0;
    long first = 0;
    long last = 0;
  };

  void extend(Run& run, int label, long position) {
    if (run.label == label && label != 0 && run.last + 1 == position) {
      run.last = position;
      return;
    }
    close(run);
    run = {label, position, position};
  }

  void close(Run& run) {
    if (run.label == 0) return;
    const double from = run.first - 0.5;
    const double to = run.last + 0.5;
    LabelEdge edge;
    edge.label = run.label;
    edge.from = m_transposed ? m_slice.world(from, m_line) : m_slice.world(m_line, from);
    edge.to = m_transposed ? m_slice.world(to, m_line) : m_slice.world(m_line, to);
    m_edges.push_back(edge);
    run.label = 0;
  }

  const SliceLabels& m_slice;
  std::vector<LabelEdge>& m_edges;
  double m_line;
  bool m_transposed;
  Run m_runs[2];
};

}  // namespace

std::vector<LabelEdge> labelOutline(const core::Volume& labels, int axis, long index) {
  std::vector<LabelEdge> edges;
  if (axis < 0 || axis > 2 || index < 0 || index >= static_cast<long>(labels.size()[axis])) {
    return edges;
  }
  const SliceLabels slice(labels, axis, index);
  // Lines of constant u between columns u − 1 and u, then lines of constant v between rows.
  for (long u = 0; u <= slice.width(); ++u) {
    RunCollector runs(slice, edges, u - 0.5, false);
    for (long v = 0; v < slice.height(); ++v) runs.step(v, slice.at(u - 1, v), slice.at(u, v));
    runs.finish();
  }
  for (long v = 0; v <= slice.height(); ++v) {
    RunCollector runs(slice, edges, v - 0.5, true);
    for (long u = 0; u < slice.width(); ++u) runs.step(u, slice.at(u, v - 1), slice.at(u, v));
    runs.finish();
  }
  return edges;
}

}  // namespace lumen::render
