;; The word-vector matching loop of SoftMatcher (see closest-kernel.ts): the largest cosine between one question word
;; and a text's words. In JavaScript this loop was most of a question's reranking (~150 ns a word pair); here it runs
;; on 128-bit SIMD, eight products per instruction. Assembled by `npm run build:wasm` into closest-wasm.ts.
(module
  ;; The word vectors file, read into this memory, followed by the scratch area where each call's inputs are written.
  (memory (import "sitrep" "memory") 1)

  ;; Returns max(0, max over the listed rows of dot(query, row) * scales[row]).
  ;;   $query:  the question word's vector as int16, zero-padded to $chunks * 16 values
  ;;   $rows:   $count row numbers (i32)
  ;;   $packed: the table's int8 vectors, $dims values per row; a row is read 16 bytes at a time, so the last chunk
  ;;            reads a few bytes past it, which the query's zero padding cancels
  ;;   $scales: per row (f32), what brings its int8 values back to unit length
  (func (export "closest")
    (param $query i32) (param $rows i32) (param $count i32) (param $packed i32) (param $scales i32) (param $dims i32)
    (param $chunks i32) (result f64)
    (local $best f64) (local $cosine f64) (local $i i32) (local $row i32) (local $at i32) (local $q i32) (local $k i32)
    (local $sums v128) (local $bytes v128)
    (block $done
      (loop $next_row
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $row (i32.load (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $at (i32.add (local.get $packed) (i32.mul (local.get $row) (local.get $dims))))
        (local.set $q (local.get $query))
        (local.set $k (i32.const 0))
        (local.set $sums (v128.const i32x4 0 0 0 0))
        (block $row_done
          (loop $next_chunk
            (br_if $row_done (i32.ge_u (local.get $k) (local.get $chunks)))
            (local.set $bytes (v128.load align=1 (local.get $at)))
            ;; 16 int8 values widened to two halves of eight int16, each multiplied with eight query values and
            ;; summed in pairs into four int32 lanes.
            (local.set $sums (i32x4.add (local.get $sums)
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $bytes)) (v128.load (local.get $q)))))
            (local.set $sums (i32x4.add (local.get $sums)
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $bytes)) (v128.load offset=16 (local.get $q)))))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $next_chunk)))
        (local.set $cosine
          (f64.mul
            (f64.convert_i32_s
              (i32.add
                (i32.add (i32x4.extract_lane 0 (local.get $sums)) (i32x4.extract_lane 1 (local.get $sums)))
                (i32.add (i32x4.extract_lane 2 (local.get $sums)) (i32x4.extract_lane 3 (local.get $sums)))))
            (f64.promote_f32 (f32.load (i32.add (local.get $scales) (i32.shl (local.get $row) (i32.const 2)))))))
        (if (f64.gt (local.get $cosine) (local.get $best)) (then (local.set $best (local.get $cosine))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next_row)))
    (local.get $best)))
