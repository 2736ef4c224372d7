//
// main.cpp
//
// The feedhub daemon's entry point.
//

#include "FeedhubApplication.h"
#include <iostream>

POCO_SERVER_MAIN(feedhub::FeedhubApplication)
