' Runtime helpers that transpiled logic (src-ts/transpiler) calls. They give BrightScript the
' JavaScript semantics the logic was written and tested against under Node, and none of them
' may raise a runtime error on any input: a crash on a viewer's TV stops the channel.

'@@HOLE:TYPES@@

' JavaScript's ===: values of different types are unequal instead of a type mismatch. Objects
' compare by identity only for SceneGraph nodes; other objects are never equal.
function mParticle_eq(a as dynamic, b as dynamic) as boolean
    ta = mParticle_typeof(a)
    if ta <> mParticle_typeof(b) then return false
    if ta = "undefined" then return true
    if ta = "string" or ta = "number" or ta = "boolean" then return a = b
    if type(a) = "roSGNode" and type(b) = "roSGNode" then return a.isSameNode(b)
    return false
end function

' Whether a Float/Double is NaN or infinite (arithmetic on it is not meaningful).
function mParticle_isNonFinite(x as dynamic) as boolean
    if x <> x then return true
    return x - x <> 0
end function

' 2^53 and 2^31 as Doubles, built from short literals: brighterscript 0.67 (which Rooibos
' pins, and many channels build with) misreads Double literals of ten or more digits.
function mParticle_two53() as double
    return 67108864# * 134217728#
end function

function mParticle_two31() as double
    return 65536# * 32768#
end function

' Math.floor. Integers come back unchanged; a decimal comes back as a LongInteger built from
' two Integer-sized halves, because Int() is 32-bit and would lose unix-ms timestamps.
' Not a number: invalid.
function mParticle_floor(x as dynamic) as dynamic
    if mParticle_isIntegral(x) then return x
    if not mParticle_isDecimal(x) then return invalid
    if mParticle_isNonFinite(x) then return x
    if x >= mParticle_two53() or x <= -mParticle_two53() then return x
    hi = Int(x / mParticle_two31())
    lo = x - hi * mParticle_two31()
    return hi * 2147483648& + Int(lo)
end function

' Math.ceil (see mParticle_floor).
function mParticle_ceil(x as dynamic) as dynamic
    if mParticle_isIntegral(x) then return x
    if not mParticle_isDecimal(x) then return invalid
    f = mParticle_floor(-x)
    return -f
end function

' Math.round: halves round up, as in JavaScript (see mParticle_floor).
function mParticle_round(x as dynamic) as dynamic
    if mParticle_isIntegral(x) then return x
    if not mParticle_isDecimal(x) then return invalid
    return mParticle_floor(x + 0.5#)
end function

' Math.abs. Not a number: invalid.
function mParticle_abs(x as dynamic) as dynamic
    if mParticle_typeof(x) <> "number" then return invalid
    if x < 0 then return -x
    return x
end function

' Math.max of two numbers; invalid when either is not a number.
function mParticle_max(a as dynamic, b as dynamic) as dynamic
    if mParticle_typeof(a) <> "number" or mParticle_typeof(b) <> "number" then return invalid
    if a >= b then return a
    return b
end function

' Math.min of two numbers; invalid when either is not a number.
function mParticle_min(a as dynamic, b as dynamic) as dynamic
    if mParticle_typeof(a) <> "number" or mParticle_typeof(b) <> "number" then return invalid
    if a <= b then return a
    return b
end function

' a / b as Doubles (Integer / Integer would be a single-precision Float). Division by zero or
' of a non-number gives 0 (JavaScript: Infinity or NaN): guard divisions in the logic.
function mParticle_div(a as dynamic, b as dynamic) as double
    if mParticle_typeof(a) <> "number" or mParticle_typeof(b) <> "number" then return 0#
    if b = 0 then return 0#
    return (0# + a) / b
end function

' Number.isInteger.
function mParticle_isInteger(x as dynamic) as boolean
    if mParticle_isIntegral(x) then return true
    if not mParticle_isDecimal(x) then return false
    if mParticle_isNonFinite(x) then return false
    return mParticle_floor(x) = x
end function

' Array.isArray.
function mParticle_isArray(x as dynamic) as boolean
    return type(x) = "roArray"
end function

'@@HOLE:STR@@

' Array.prototype.indexOf with === comparison; -1 when absent or when a is not an array.
function mParticle_indexOf(a as dynamic, x as dynamic) as integer
    if type(a) <> "roArray" then return -1
    for i = 0 to a.Count() - 1
        if mParticle_eq(a[i], x) then return i
    end for
    return -1
end function

' An index argument of slice, resolved against length n like JavaScript (negative from the end).
function mParticle_sliceIndex(i as dynamic, n as integer, default as integer) as integer
    if mParticle_typeof(i) <> "number" then return default
    k = mParticle_floor(i)
    if k < 0 then k = k + n
    if k < 0 then return 0
    if k > n then return n
    return k
end function

' Array.prototype.slice(start, end) (end invalid = to the end); a new array.
function mParticle_slice(a as dynamic, startIndex as dynamic, endIndex as dynamic) as object
    result = []
    if type(a) <> "roArray" then return result
    n = a.Count()
    s = mParticle_sliceIndex(startIndex, n, 0)
    e = mParticle_sliceIndex(endIndex, n, n)
    for i = s to e - 1
        result.Push(a[i])
    end for
    return result
end function

' Array.prototype.join: items through mParticle_str, invalid items as "" (as JavaScript does).
function mParticle_join(a as dynamic, sep as dynamic) as string
    if type(a) <> "roArray" then return ""
    if mParticle_typeof(sep) <> "string" then sep = ","
    out = ""
    for i = 0 to a.Count() - 1
        if i > 0 then out = out + sep
        if a[i] <> invalid then out = out + mParticle_str(a[i])
    end for
    return out
end function

' Object.assign({}, ...objects) and object spread: a new shallow copy-merge; later objects win.
' Items that are not associative arrays are skipped.
function mParticle_assign(objects as dynamic) as object
    result = {}
    if type(objects) <> "roArray" then return result
    for each o in objects
        if type(o) = "roAssociativeArray" then result.Append(o)
    end for
    return result
end function

' Array spread ([...a, ...b]): a new array of the items of every array, in order.
function mParticle_concat(arrays as dynamic) as object
    result = []
    if type(arrays) <> "roArray" then return result
    for each a in arrays
        if type(a) = "roArray" then result.Append(a)
    end for
    return result
end function

' c ? a : b where the lowering could not use an if statement (both sides are evaluated).
function mParticle_iif(c as dynamic, a as dynamic, b as dynamic) as dynamic
    if (type(c) = "Boolean" or type(c) = "roBoolean") and c = true then return a
    return b
end function
