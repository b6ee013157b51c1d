"""The one thing pyproject.toml cannot say: the extension nsmlab._native is built by CMake
(target nsmlab_python, the same build as `make python`) for the interpreter running pip.
The build folder is $NSMLAB_BUILD_DIR, default build-pip/ beside this file (kept between
installs, so a second install only relinks)."""
import os
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SOURCE = Path(__file__).resolve().parent


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = Path(os.environ.get("NSMLAB_BUILD_DIR", SOURCE / "build-pip")).resolve()
        configure = ["cmake", "-S", str(SOURCE), "-B", str(build), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                     "-DNSMLAB_PYTHON=ON", "-DNSMLAB_BUILD_TESTS=OFF", "-DNSMLAB_BUILD_BENCH=OFF",
                     f"-DPython3_EXECUTABLE={sys.executable}"]
        subprocess.run(configure, check=True)
        subprocess.run(["cmake", "--build", str(build), "--target", "nsmlab_python_native"], check=True)
        built = next((build / "python" / "nsmlab").glob("_native*.so"))
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        self.copy_file(str(built), str(target))


# setuptools' own staging goes beside CMake's, not into build/ (the folder `make` uses).
setup(ext_modules=[Extension("nsmlab._native", sources=[])], cmdclass={"build_ext": CMakeBuild},
      options={"build": {"build_base": "build-pip/setuptools"}})
