#include "seq.h"
