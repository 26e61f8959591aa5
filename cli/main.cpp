// Placeholder entry point until the CLI work lands.
#include <cstdio>

int main() {
  std::puts("stride 0.1.0");
  return 0;
}
