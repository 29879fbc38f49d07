package oracle

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
)

// RustDir is the directory of the cedar-native crate (../rust from this
// package), whose cedar-oracle binary runs official Cedar natively.
func RustDir() (string, error) {
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(dir), "rust"), nil
}

var (
	buildOnce sync.Once
	buildErr  error
)

// BuildRust builds the cedar-native crate's binaries in release mode (once
// per process; cargo makes it a no-op when up to date) and returns the
// directory holding them. Without cargo it settles for binaries already
// built, so a machine without Rust can still run ones built elsewhere.
func BuildRust() (string, error) {
	dir, err := RustDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "target", "release")
	buildOnce.Do(func() {
		cargo, lerr := exec.LookPath("cargo")
		if lerr != nil {
			if _, serr := os.Stat(filepath.Join(bin, "cedar-oracle")); serr != nil {
				buildErr = fmt.Errorf("oracle: cargo is needed to build the native oracle in %s: %w", dir, lerr)
			}
			return
		}
		cmd := exec.Command(cargo, "build", "--release", "--locked", "--quiet")
		cmd.Dir = dir
		cmd.Stdout = os.Stderr
		cmd.Stderr = os.Stderr
		if rerr := cmd.Run(); rerr != nil {
			buildErr = fmt.Errorf("oracle: cargo build --release in %s: %w", dir, rerr)
		}
	})
	if buildErr != nil {
		return "", buildErr
	}
	return bin, nil
}

// StartRust launches the native oracle (official Cedar's Rust crate, the
// same version as cedar-wasm), building it first when needed. It speaks the
// same protocol as the cedar-wasm oracle, and its JSON numbers are full
// 64-bit integers (no JavaScript rounding).
func StartRust() (*Oracle, error) {
	bin, err := BuildRust()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(bin, "cedar-oracle")
	if _, err := os.Stat(path); err != nil {
		return nil, errors.New("oracle: " + path + " is missing after the build")
	}
	return startProcess(exec.Command(path))
}
