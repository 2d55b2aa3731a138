module proxyinject.test/nodetool

go 1.24
