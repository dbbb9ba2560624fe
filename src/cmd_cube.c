/* cmd_cube.c — placeholder until the cube lands (issue 3). */
#include "cmd.h"
int cmd_check(int argc, char **argv) { (void)argc; (void)argv; return cmd_usage_error("check", "not available in this build"); }
int cmd_build(int argc, char **argv) { (void)argc; (void)argv; return cmd_usage_error("build", "not available in this build"); }
