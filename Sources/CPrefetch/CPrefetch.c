// CPrefetch is its header: its one function is inlined where Swift calls it.
#include "CPrefetch.h"
