# The sample project's version.
version() { echo "0.1.0"; }
