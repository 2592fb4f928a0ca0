// Compiled only to build the precompiled headers the tests reuse (tests/CMakeLists.txt).
