#include "inference/training/Networks.h"

#include <cmath>
#include <string>
#include <vector>

namespace lumen::inference::training {
namespace {

/// Registers the parameters of convolutions and group norms and writes the TorchScript lines
/// that use them.
class Builder {
 public:
  Builder(torch::jit::Module& module, std::uint64_t seed)
      : module_(module), generator_(at::make_generator<at::CPUGeneratorImpl>(seed)) {}

  /// A convolution (`dims` 2 or 3, kernel `kernel`, no bias) followed by group norm and ReLU:
  /// registers `<name>_w`, `<name>_g`, `<name>_b` and returns the TorchScript expression.
  std::string convNormRelu(const std::string& name, const std::string& input, int dims, int in,
                           int out, int stride) {
    convWeight(name + "_w", dims, in, out, 3);
    module_.register_parameter(name + "_g", at::ones({out}), false);
    module_.register_parameter(name + "_b", at::zeros({out}), false);
    const std::string strides = dims == 2 ? listOf(stride, 2) : listOf(stride, 3);
    return "self.norm_relu(torch.conv" + std::to_string(dims) + "d(" + input + ", self." + name +
           "_w, None, " + strides + ", " + listOf(1, dims) + "), self." + name + "_g, self." +
           name + "_b, " + std::to_string(std::max(2, out / 8)) + ")";
  }

  /// He-initialised weights of a convolution (`kernel`^dims) from `in` to `out` channels.
  void convWeight(const std::string& name, int dims, int in, int out, int kernel) {
    std::vector<int64_t> shape{out, in};
    for (int d = 0; d < dims; ++d) shape.push_back(kernel);
    const double fanIn = in * std::pow(kernel, dims);
    module_.register_parameter(
        name, at::randn(shape, generator_, at::kFloat) * std::sqrt(2.0 / fanIn), false);
  }

  /// Weights of a transposed convolution that doubles each size (kernel 2, stride 2).
  void upWeight(const std::string& name, int in, int out) {
    const double fanIn = in;
    module_.register_parameter(
        name, at::randn({in, out, 2, 2, 2}, generator_, at::kFloat) * std::sqrt(2.0 / fanIn),
        false);
  }

  static std::string listOf(int value, int count) {
    std::string text = "[";
    for (int n = 0; n < count; ++n) text += (n > 0 ? ", " : "") + std::to_string(value);
    return text + "]";
  }

 private:
  torch::jit::Module& module_;
  at::Generator generator_;
};

const char* kNormRelu = R"(
    def norm_relu(self, x, gamma, beta, groups: int):
        return torch.relu(torch.group_norm(x, groups, gamma, beta, 1e-5, False))
)";

void makeTrainable(torch::jit::Module& module) {
  for (at::Tensor p : module.parameters()) p.requires_grad_(true);
}

}  // namespace

torch::jit::Module radiographClassifier(int labels, std::uint64_t seed) {
  torch::jit::Module module("RadiographClassifier");
  Builder b(module, seed);
  struct Stage {
    int in, out;
  };
  const Stage stages[] = {{1, 16}, {16, 32}, {32, 64}, {64, 128}};
  std::string features = "    def features(self, x):\n";
  std::string input = "x";
  for (int s = 0; s < 4; ++s) {
    const std::string name = "s" + std::to_string(s + 1);
    const std::string c = "c" + std::to_string(s + 1);
    features += "        " + c + " = " +
                b.convNormRelu(name + "a", input, 2, stages[s].in, stages[s].out, 2) + "\n";
    features += "        " + c + " = " +
                b.convNormRelu(name + "b", c, 2, stages[s].out, stages[s].out, 1) + "\n";
    input = c;
  }
  // Stages 3 and 4 brought up to stage 2's quarter size (a feature pyramid's top-down path), so
  // the finding maps are fine enough to point at a small nodule.
  constexpr int kFeatures = 64;
  for (int s = 1; s < 4; ++s)
    b.convWeight("l" + std::to_string(s + 1) + "_w", 2, stages[s].out, kFeatures, 1);
  features += R"(        size = [c2.size(2), c2.size(3)]
        p = torch.conv2d(c2, self.l2_w)
        p = p + torch.upsample_bilinear2d(torch.conv2d(c3, self.l3_w), size, False)
        p = p + torch.upsample_bilinear2d(torch.conv2d(c4, self.l4_w), size, False)
        return )" +
              b.convNormRelu("top", "p", 2, kFeatures, kFeatures, 1) + "\n";
  b.convWeight("fc_w", 2, kFeatures, labels, 1);
  module.register_parameter("fc_b", at::zeros({labels}), false);
  module.define(std::string(kNormRelu) + features + R"(
    def finding_maps(self, f):
        return torch.conv2d(f, self.fc_w)

    def features_head(self, f):
        z = self.finding_maps(f).flatten(2)
        # A soft maximum over the map (log-mean-exp, sharpness 4): one bright spot makes a
        # finding; Grad-CAM of it is the finding's map itself.
        cells = z.new_full([1], float(z.size(2)))
        pooled = (torch.logsumexp(z * 4.0, [2]) - torch.log(cells)) / 4.0
        return pooled + self.fc_b

    def forward(self, x):
        return self.features_head(self.features(x))
)");
  makeTrainable(module);
  return module;
}

torch::jit::Module noduleSegmenter(std::uint64_t seed) {
  torch::jit::Module module("NoduleSegmenter");
  Builder b(module, seed);
  const std::string e1a = b.convNormRelu("e1a", "x", 3, 1, 8, 1);
  const std::string e1b = b.convNormRelu("e1b", "e1", 3, 8, 8, 1);
  const std::string e2a =
      b.convNormRelu("e2a", "torch.max_pool3d(e1, [2, 2, 2], [2, 2, 2])", 3, 8, 32, 1);
  const std::string e2b = b.convNormRelu("e2b", "e2", 3, 32, 32, 1);
  const std::string m1 =
      b.convNormRelu("m1", "torch.max_pool3d(e2, [2, 2, 2], [2, 2, 2])", 3, 32, 64, 1);
  const std::string m2 = b.convNormRelu("m2", "m", 3, 64, 64, 1);
  b.upWeight("u2_w", 64, 32);
  const std::string d2a = b.convNormRelu("d2a", "torch.cat([u2, e2], 1)", 3, 64, 32, 1);
  const std::string d2b = b.convNormRelu("d2b", "d2", 3, 32, 32, 1);
  b.upWeight("u1_w", 32, 8);
  const std::string d1a = b.convNormRelu("d1a", "torch.cat([u1, e1], 1)", 3, 16, 8, 1);
  const std::string d1b = b.convNormRelu("d1b", "d1", 3, 8, 8, 1);
  b.convWeight("out_w", 3, 8, 2, 1);
  module.register_parameter("out_b", at::zeros({2}), false);
  module.define(std::string(kNormRelu) + R"(
    def forward(self, x):
        e1 = )" +
                e1a + R"(
        e1 = )" +
                e1b + R"(
        e2 = )" +
                e2a + R"(
        e2 = )" +
                e2b + R"(
        m = )" + m1 +
                R"(
        m = )" + m2 +
                R"(
        u2 = torch.conv_transpose3d(m, self.u2_w, None, [2, 2, 2])
        d2 = )" +
                d2a + R"(
        d2 = )" +
                d2b + R"(
        u1 = torch.conv_transpose3d(d2, self.u1_w, None, [2, 2, 2])
        d1 = )" +
                d1a + R"(
        d1 = )" +
                d1b + R"(
        return torch.conv3d(d1, self.out_w, self.out_b)
)");
  makeTrainable(module);
  return module;
}

std::vector<at::Tensor> parametersOf(const torch::jit::Module& module) {
  std::vector<at::Tensor> parameters;
  for (const at::Tensor& p : module.parameters()) parameters.push_back(p);
  return parameters;
}

}  // namespace lumen::inference::training
