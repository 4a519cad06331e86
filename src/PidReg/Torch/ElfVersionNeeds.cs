// This file is compiled twice: into the library (PIDREG_LIBRARY defined) for the run-time patch a
// notebook kernel needs, and by MSBuild's RoslynCodeTaskFactory (environment/TorchSharpGlibcxx.targets)
// as the build-time task. One source keeps the two patches from drifting apart; that is why it holds
// a second type under #if.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace PidReg.Torch
{
    /// <summary>
    /// Reads and edits the symbol-version requirements (ELF <c>.gnu.version_r</c>) of a 64-bit
    /// little-endian shared library.
    /// </summary>
    /// <remarks>
    /// TorchSharp-cpu 0.107.0's libLibTorchSharp.so requires GLIBCXX_3.4.32, which the libstdc++ of
    /// Debian 12 and Ubuntu 22.04 does not define. The only symbol behind that version is a link-time
    /// marker that is never called, so flagging the requirement weak (VER_FLG_WEAK) lets the dynamic
    /// loader accept the library on those systems without changing anything it executes.
    /// </remarks>
    public static class ElfVersionNeeds
    {
        /// <summary>The version TorchSharp-cpu 0.107.0 needs and older libstdc++ lack.</summary>
        public const string TorchSharpGlibcxxVersion = "GLIBCXX_3.4.32";

        const ushort VerFlagWeak = 0x2;
        const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>One required version: the library that must provide it, its name and whether it is weak.</summary>
        /// <remarks>A class, not a record: MSBuild compiles this file against netstandard, which lacks init-only support.</remarks>
        public sealed class Requirement
        {
            public Requirement(string file, string version, bool isWeak, long flagsOffset)
            {
                File = file; Version = version; IsWeak = isWeak; FlagsOffset = flagsOffset;
            }
            /// <summary>The library that must provide the version, e.g. libstdc++.so.6.</summary>
            public string File { get; }
            /// <summary>The version name, e.g. GLIBCXX_3.4.32.</summary>
            public string Version { get; }
            /// <summary>True when the loader tolerates its absence (VER_FLG_WEAK).</summary>
            public bool IsWeak { get; }
            internal long FlagsOffset { get; }
        }

        /// <summary>Lists every version requirement of the ELF file at <paramref name="path"/>.</summary>
        /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF file or is truncated.</exception>
        public static List<Requirement> Read(string path) => Read(File.ReadAllBytes(path), path);

        /// <summary>
        /// Marks the requirement <paramref name="version"/> weak, in place. Returns true when the file
        /// changed, false when it had no such requirement or it was already weak (idempotent).
        /// </summary>
        public static bool MarkWeak(string path, string version)
        {
            var bytes = File.ReadAllBytes(path);
            bool changed = false;
            foreach (var requirement in Read(bytes, path))
            {
                if (requirement.Version != version || requirement.IsWeak)
                    continue;
                var flags = (ushort)(BitConverter.ToUInt16(bytes, (int)requirement.FlagsOffset) | VerFlagWeak);
                BitConverter.GetBytes(flags).CopyTo(bytes, (int)requirement.FlagsOffset);
                changed = true;
            }
            if (changed)
            {
                // Write beside and swap, so an interrupted build never leaves half a library.
                var temporary = path + ".pidreg-tmp";
                File.WriteAllBytes(temporary, bytes);
                File.Replace(temporary, path, destinationBackupFileName: null);
            }
            return changed;
        }

        /// <summary>True when the file defines (provides) the symbol version <paramref name="version"/>, e.g. a libstdc++ that has GLIBCXX_3.4.32.</summary>
        public static bool Defines(string path, string version)
        {
            // Version definitions are names in .dynstr; a NUL-terminated exact match is enough here.
            // (A plain loop: MSBuild compiles this file against netstandard2.0, which has no span search.)
            var needle = Encoding.ASCII.GetBytes(version + "\0");
            var bytes = File.ReadAllBytes(path);
            for (int i = 0; i + needle.Length <= bytes.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && bytes[i + j] == needle[j]) j++;
                if (j == needle.Length) return true;
            }
            return false;
        }

        static List<Requirement> Read(byte[] b, string path)
        {
            if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
                throw new InvalidDataException($"{path}: not an ELF file.");
            if (b[4] != 2 || b[5] != 1)
                throw new InvalidDataException($"{path}: only 64-bit little-endian ELF files are supported (class {b[4]}, data {b[5]}).");

            long sectionTable = ReadInt64(b, 0x28, path);
            int entrySize = ReadUInt16(b, 0x3A, path);
            int sectionCount = ReadUInt16(b, 0x3C, path);
            var requirements = new List<Requirement>();
            for (int i = 0; i < sectionCount; i++)
            {
                long header = sectionTable + (long)i * entrySize;
                if (ReadUInt32(b, header + 4, path) != ShtGnuVerneed)
                    continue;
                long offset = ReadInt64(b, header + 0x18, path);
                int strings = (int)ReadUInt32(b, header + 0x28, path);
                int count = (int)ReadUInt32(b, header + 0x2C, path);
                long stringTable = ReadInt64(b, sectionTable + (long)strings * entrySize + 0x18, path);

                long need = offset;
                for (int n = 0; n < count; n++)
                {
                    int auxCount = ReadUInt16(b, need + 2, path);
                    string file = ReadString(b, stringTable + ReadUInt32(b, need + 4, path), path);
                    long aux = need + ReadUInt32(b, need + 8, path);
                    for (int a = 0; a < auxCount; a++)
                    {
                        ushort flags = ReadUInt16(b, aux + 4, path);
                        string name = ReadString(b, stringTable + ReadUInt32(b, aux + 8, path), path);
                        requirements.Add(new Requirement(file, name, (flags & VerFlagWeak) != 0, aux + 4));
                        aux += ReadUInt32(b, aux + 12, path);
                    }
                    need += ReadUInt32(b, need + 12, path);
                }
            }
            return requirements;
        }

        static void Check(byte[] b, long at, int size, string path)
        {
            if (at < 0 || at + size > b.Length)
                throw new InvalidDataException($"{path}: truncated ELF file (offset {at} beyond its {b.Length} bytes).");
        }

        static ushort ReadUInt16(byte[] b, long at, string path) { Check(b, at, 2, path); return BitConverter.ToUInt16(b, (int)at); }
        static uint ReadUInt32(byte[] b, long at, string path) { Check(b, at, 4, path); return BitConverter.ToUInt32(b, (int)at); }
        static long ReadInt64(byte[] b, long at, string path) { Check(b, at, 8, path); return BitConverter.ToInt64(b, (int)at); }

        static string ReadString(byte[] b, long at, string path)
        {
            Check(b, at, 1, path);
            int end = Array.IndexOf(b, (byte)0, (int)at);
            if (end < 0) throw new InvalidDataException($"{path}: unterminated string at offset {at}.");
            return Encoding.ASCII.GetString(b, (int)at, end - (int)at);
        }
    }

#if !PIDREG_LIBRARY
    /// <summary>MSBuild task: weakens GLIBCXX_3.4.32 in every libLibTorchSharp.so below the output folder.</summary>
    public class WeakenTorchSharpGlibcxx : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public string Directory { get; set; } = "";

        public override bool Execute()
        {
            if (!System.IO.Directory.Exists(Directory))
                return true;
            foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories))
            {
                try
                {
                    if (ElfVersionNeeds.MarkWeak(path, ElfVersionNeeds.TorchSharpGlibcxxVersion))
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                            $"PidReg: marked {ElfVersionNeeds.TorchSharpGlibcxxVersion} weak in {path}");
                }
                catch (Exception e) when (e is InvalidDataException || e is IOException || e is UnauthorizedAccessException)
                {
                    Log.LogError($"PidReg: could not patch {path}: {e.Message}");
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
