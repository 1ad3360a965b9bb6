// Shared by the benchmarks: a wall clock, peak memory, and a plain table on stdout.
#pragma once

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace smsinfo::bench {

inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Peak resident set size of this process in MiB (VmHWM).
inline double PeakRssMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

struct Row {
  std::string operation;
  long long count = 0;
  double seconds = 0;
  std::string target;
};

inline void PrintTable(const std::string& title, const std::vector<Row>& rows) {
  std::printf("\n%s\n", title.c_str());
  std::printf("| %-44s | %10s | %9s | %12s | %9s | %-18s |\n", "operation", "count", "seconds",
              "rate/s", "peak MiB", "target");
  std::printf("|%s|%s|%s|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(12, '-').c_str(),
              std::string(11, '-').c_str(), std::string(14, '-').c_str(),
              std::string(11, '-').c_str(), std::string(20, '-').c_str());
  for (const Row& r : rows) {
    std::printf("| %-44s | %10lld | %9.3f | %12.0f | %9.1f | %-18s |\n", r.operation.c_str(),
                r.count, r.seconds, r.seconds > 0 ? static_cast<double>(r.count) / r.seconds : 0.0,
                PeakRssMiB(), r.target.c_str());
  }
}

}  // namespace smsinfo::bench
