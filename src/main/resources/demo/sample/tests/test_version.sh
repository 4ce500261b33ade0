#!/usr/bin/env bash
source src/version.sh
[ "$(version)" = "0.1.0" ]
