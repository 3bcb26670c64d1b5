# argmap: `make run` sets everything up and opens the Pivot map; `make test` runs every test.
SWIFT ?= swift
MAP ?= Arguments/pivot-to-asia.argdown

.PHONY: setup build run test clean

setup:
	@bash .ci/setup

build: setup
	$(SWIFT) build -c release --product argmap

run: build
	$$($(SWIFT) build -c release --show-bin-path)/argmap $(MAP)

# Tests run optimised (with testing enabled): the hostile-input and million-claim tests
# take minutes in a debug build and seconds in this one.
TESTFLAGS = -c release -Xswiftc -enable-testing

test:
	@bash .ci/setup --test
	$(SWIFT) build --build-tests $(TESTFLAGS)
	$(SWIFT) test --skip-build --parallel --num-workers 2 $(TESTFLAGS)

clean:
	rm -rf .build
