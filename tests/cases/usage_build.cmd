$BIN build ../../fixtures/sources
