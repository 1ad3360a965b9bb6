// Runs a libFuzzer target without libFuzzer: feeds every file of a seed folder, then a bounded
// number of deterministic mutations of them (bit flips, truncations, splices, random bytes), so
// that ctest exercises every parser of outside bytes on every build. A crash, an assertion or a
// sanitizer report fails the test. Usage: <target> CORPUS_DIR [MUTATIONS]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  std::vector<std::string> seeds;
  if (argc > 1 && std::filesystem::is_directory(argv[1])) {
    for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
      std::ifstream in(entry.path(), std::ios::binary);
      seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  seeds.emplace_back();
  const long mutations = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 10000;
  for (const auto& s : seeds) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  }
  std::mt19937_64 rng(12345);
  for (long i = 0; i < mutations; ++i) {
    std::string input = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      switch (rng() % 6) {
        case 0:
          if (!input.empty()) input[rng() % input.size()] ^= static_cast<char>(1u << (rng() % 8));
          break;
        case 1:
          if (!input.empty()) input.resize(rng() % input.size());
          break;
        case 2:
          input.insert(input.begin() + static_cast<long>(input.empty() ? 0 : rng() % input.size()),
                       static_cast<char>(rng() % 256));
          break;
        case 3: {
          const std::string& other = seeds[rng() % seeds.size()];
          if (!other.empty()) input += other.substr(rng() % other.size());
          break;
        }
        case 4:
          if (!input.empty()) input[rng() % input.size()] = static_cast<char>(rng() % 256);
          break;
        default:
          if (input.size() > 1) input.erase(rng() % input.size(), 1 + rng() % 4);
          break;
      }
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  }
  std::printf("replayed %zu seeds and %ld mutations\n", seeds.size(), mutations);
  return 0;
}
