#include "cli.h"
int cmd_sequence(int argc, char **argv) { (void)argc; (void)argv; return 1; }
